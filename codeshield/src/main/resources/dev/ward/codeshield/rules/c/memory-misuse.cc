#include <cstdlib>
#include <cstring>

struct Node { Node *next; };

void release(char *p, Node *n) {
    free(p);
    // ruleid: c-use-after-free
    std::strcpy(p, "x");
    free(n);
    // ruleid: c-use-after-free
    n->next = nullptr;
}

void stack() {
    // ruleid: c-free-non-heap
    char buf[16];
    free(buf);
    char *heap = static_cast<char *>(malloc(4));
    // ok: c-free-non-heap
    free(heap);
}
