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
    // ruleid: c-predictable-seed
    srand((unsigned) time(NULL));
    // ok: c-predictable-seed
    getrandom(&seed, sizeof seed, 0);
    return n + (int) m;
}
