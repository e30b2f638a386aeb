#include <cstdio>
#include <cstdlib>

void scratch() {
    char name[L_tmpnam];
    // ruleid: c-insecure-temp-file
    std::tmpnam(name);
    char tmpl[] = "/tmp/wardXXXXXX";
    // ok: c-insecure-temp-file
    int fd = mkstemp(tmpl);
}
