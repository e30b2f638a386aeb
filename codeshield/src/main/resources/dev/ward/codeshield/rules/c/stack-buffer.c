#include <stdarg.h>
#include <stdio.h>
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
    char bufa[64], bufb[64], bufc[64];
    // ruleid: c-stack-buffer-write
    memcpy(bufb, b, n);
    // ruleid: c-stack-buffer-write
    memmove(bufc, a, n);
    // ruleid: c-stack-buffer-write
    strcpy(bufa, a);
}

int message(const char *input, size_t len) {
    char msg[32] = {0};
    // ruleid: c-stack-buffer-write
    __builtin_memcpy(msg, input, len);
    wchar_t wide[8];
    // ruleid: c-stack-buffer-write
    wmemcpy(wide, (const wchar_t *)input, len);
    // ok: c-stack-buffer-write
    memcpy(msg, "hello", 6);
    if (len < sizeof msg) {
        // ok: c-stack-buffer-write
        memcpy(msg, input, len);
    }
    if (strlen(input) < sizeof msg) {
        // ok: c-stack-buffer-write
        strcpy(msg, input);
    }
    return msg[0];
}

int checked_first(const char *src, size_t n) {
    char buf[100];
    if (n > sizeof(buf))
        return -1;
    // ok: c-stack-buffer-write
    memcpy(buf, src, n);
    return buf[0];
}

void heap(char *dst, const char *src, int n) {
    // ok: c-stack-buffer-write
    memcpy(dst, src, n);
}

void greet(const char *name, int id, const char *fmt, ...) {
    char line[64];
    char detail[32];
    va_list ap;
    // ruleid: c-stack-buffer-write
    sprintf(line, "user %s (%d)", name, id);
    va_start(ap, fmt);
    // ruleid: c-stack-buffer-write
    vsprintf(detail, fmt, ap);
    va_end(ap);
    // ok: c-stack-buffer-write
    snprintf(line, sizeof line, "user %s (%d)", name, id);
    // ok: c-stack-buffer-write
    vsnprintf(detail, sizeof detail, fmt, ap);
    puts(line);
}
