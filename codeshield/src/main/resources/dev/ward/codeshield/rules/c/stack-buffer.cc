#include <cstring>
#include <unistd.h>

void options(const unsigned char *cp, int optlen, int fd) {
    char line[128];
    // ruleid: c-stack-buffer-write
    memcpy(line, cp, optlen);
    // todoruleid: c-stack-buffer-write
    std::memcpy(line, cp, optlen);
    // ok: c-stack-buffer-write
    std::memcpy(line, cp, sizeof(line));
    // ruleid: c-stack-buffer-write
    read(fd, line, 4096);
}
