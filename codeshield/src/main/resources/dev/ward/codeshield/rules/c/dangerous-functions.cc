#include <cstdlib>
#include <cstring>
#include <pwd.h>
#include <unistd.h>

int parse(char *line) {
    // ruleid: c-dangerous-function
    char *tok = strtok(line, ",");
    // ruleid: c-dangerous-function
    int n = atoi(tok);
    // ok: c-dangerous-function
    long m = std::strtol(tok, nullptr, 10);
    char owner[256];
    // ruleid: c-obsolete-getpw
    getpw(getuid(), owner);
    // ok: c-obsolete-getpw
    const passwd *pw = getpwuid(getuid());
    return n + static_cast<int>(m);
}
