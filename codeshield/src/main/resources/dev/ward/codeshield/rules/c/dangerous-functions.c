#include <stdlib.h>
#include <string.h>
#include <time.h>

int parse(char *line) {
    // ruleid: c-dangerous-function
    char *tok = strtok(line, ",");
    // ruleid: c-dangerous-function
    int n = atoi(tok);
    // ok: c-dangerous-function
    long m = strtol(tok, NULL, 10);
    // ruleid: c-dangerous-function
    n += atoi(getenv("EXTRA"));
    char owner[256];
    // ruleid: c-obsolete-getpw
    getpw(getuid(), owner);
    // ok: c-obsolete-getpw
    struct passwd *pw = getpwuid(getuid());
    return n + (int) m;
}
