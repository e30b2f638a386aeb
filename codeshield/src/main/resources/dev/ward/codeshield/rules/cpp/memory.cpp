#include <memory>
#include <cstdio>
#include <cstdlib>

void frames(int width, int height, int nk) {
    // ruleid: cpp-new-array-size-overflow
    unsigned char *depth = new unsigned char[width * height];
    // ruleid: cpp-new-array-size-overflow
    std::unique_ptr<int[]> p(new int[2 * nk]);
    // ok: cpp-new-array-size-overflow
    int *small = new int[16 * 4];
    // ruleid: cpp-auto-ptr
    std::auto_ptr<int> old(new int(3));
    // ok: cpp-auto-ptr
    std::unique_ptr<int> modern = std::make_unique<int>(3);
    int r = width;
    char out[64];
    // ruleid: cpp-snprintf-result-unchecked
    int32_t len = bx::snprintf(out, sizeof(out), "%s (%d): ", "f", 3);
    // ok: cpp-snprintf-result-unchecked
    snprintf(out, sizeof(out), "%d", r);
}
