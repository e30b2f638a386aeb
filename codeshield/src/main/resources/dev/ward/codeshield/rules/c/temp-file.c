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
