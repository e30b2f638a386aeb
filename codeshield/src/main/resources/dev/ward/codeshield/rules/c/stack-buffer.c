#include <string.h>
#include <unistd.h>

#define MAX_IPOPTLEN 40

void options(const unsigned char *cp, int optlen, int fd) {
    static char old_rr[MAX_IPOPTLEN];
    char line[128];
    // ruleid: c-stack-buffer-write
    memcpy(old_rr, cp, optlen);
    // ruleid: c-stack-buffer-write
    read(fd, line, 4096);
    // ok: c-stack-buffer-write
    memcpy(line, cp, sizeof(line));
    // ok: c-stack-buffer-write
    read(fd, line, sizeof line);
    // ok: c-stack-buffer-write
    memcpy(old_rr, cp, MAX_IPOPTLEN);
}

void two(const char *a, const char *b, int n) {
    char bufa[64], bufb[64];
    // ruleid: c-stack-buffer-write
    memcpy(bufb, b, n);
}

void heap(char *dst, const char *src, int n) {
    // ok: c-stack-buffer-write
    memcpy(dst, src, n);
}
