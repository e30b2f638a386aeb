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
    // ok: cpp-new-array-size-overflow
    int *rows = new int[WIDTH * 5];
    // ruleid: cpp-new-array-size-overflow
    auto *trees = new ot_tree_t[grid_capacity * N_TREE_INTS];
    if (nk < SIZE_MAX / 5) {
        // ok: cpp-new-array-size-overflow
        int *bounded = new int[nk * 5];
    }
    // ruleid: cpp-auto-ptr
    std::auto_ptr<int> old(new int(3));
    // ok: cpp-auto-ptr
    std::unique_ptr<int> modern = std::make_unique<int>(3);
    int r = width;
}
