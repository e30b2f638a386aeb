#include <stdio.h>
#include <stdlib.h>

void scratch(void) {
    char filename_out[L_tmpnam];
    // ruleid: c-insecure-temp-file
    tmpnam(filename_out);
    char tmpl[] = "/tmp/wardXXXXXX";
    // ok: c-insecure-temp-file
    int fd = mkstemp(tmpl);
}

// ok: c-insecure-temp-file
extern char *tmpnam (char *__s);

void other(void) {
    // ruleid: c-insecure-temp-file
    const char *name = std::tmpnam(NULL);
}
