#include <cstdio>

void label(char *out, const char *name, int n) {
    // ruleid: c-unbounded-sprintf
    sprintf(out, "%s-%05d.txt", name, n);
    // ok: c-unbounded-sprintf
    snprintf(out, 64, "%s-%05d.txt", name, n);
}
