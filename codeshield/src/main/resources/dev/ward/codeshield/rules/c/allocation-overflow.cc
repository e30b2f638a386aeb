#include <cstdlib>

struct Item { int a; };

Item *items(std::size_t count) {
    // ruleid: c-allocation-size-overflow
    Item *all = static_cast<Item *>(malloc(count * sizeof(Item)));
    // ruleid: c-allocation-size-overflow
    Item *more = static_cast<Item *>(std::malloc(count * sizeof(Item)));
    // ok: c-allocation-size-overflow
    Item *zeroed = static_cast<Item *>(std::calloc(count, sizeof(Item)));
    std::free(zeroed);
    std::free(more);
    return all;
}
