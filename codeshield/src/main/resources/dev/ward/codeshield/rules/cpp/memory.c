#include <stdio.h>

int header(char *out, size_t size, const char *file, int line) {
    // ruleid: cpp-snprintf-result-unchecked
    int len = snprintf(out, size, "%s (%d): ", file, line);
    // ok: cpp-snprintf-result-unchecked
    snprintf(out, size, "%d", line);
    return len;
}
