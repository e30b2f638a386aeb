#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <unistd.h>

void options(const unsigned char *cp, int optlen, int fd) {
    char line[128];
    // ruleid: c-stack-buffer-write
    memcpy(line, cp, optlen);
    // ruleid: c-stack-buffer-write
    std::memcpy(line, cp, optlen);
    // ok: c-stack-buffer-write
    std::memcpy(line, cp, sizeof(line));
    // ruleid: c-stack-buffer-write
    read(fd, line, 4096);
    // ruleid: c-stack-buffer-write
    std::strcpy(line, reinterpret_cast<const char *>(cp));
    // ok: c-stack-buffer-write
    std::strncpy(line, reinterpret_cast<const char *>(cp), sizeof line - 1);
}

void report(const char *fmt, std::va_list ap, int code) {
    char text[256];
    // ruleid: c-stack-buffer-write
    std::vsprintf(text, fmt, ap);
    // ruleid: c-stack-buffer-write
    ::sprintf(text, "error %d", code);
    // ok: c-stack-buffer-write
    std::vsnprintf(text, sizeof text, fmt, ap);
}
