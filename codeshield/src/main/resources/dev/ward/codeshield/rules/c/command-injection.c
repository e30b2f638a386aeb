#include <stdio.h>
#include <stdlib.h>

void run(const char *file) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "gzip %s", file);
    // ruleid: c-command-injection
    system(cmd);
    // ruleid: c-command-injection
    FILE *p = popen(cmd, "r");
    // ok: c-command-injection
    system("clear");
    // ruleid: c-command-injection
    system(build_command(file, getenv("OPTS")));
    // ruleid: c-command-injection
    execl("/bin/sh", "sh", "-c", cmd, (char *) NULL);
    // ok: c-command-injection
    execl("/bin/ls", "ls", "-l", (char *) NULL);
    // ok: c-command-injection
    system(F_CLEAR);
}

void fixed(void) {
    char *cmd = "ls";
    // ok: c-command-injection
    system(cmd);
}

int main(int argc, char **argv) {
    // ruleid: c-command-injection
    return system(argv[1]);
}
