#include <stdlib.h>
#include <string.h>

void release(char *p, struct node *n) {
    free(p);
    // ruleid: c-use-after-free
    strcpy(p, "x");
}

void relink(struct node *n) {
    free(n);
    // ruleid: c-use-after-free
    n->next = NULL;
}

void reused(char *p) {
    free(p);
    p = malloc(8);
    // ok: c-use-after-free
    memcpy(p, "x", 2);
}

void stack(void) {
    char buf[16];
    int x;
    // ruleid: c-free-non-heap
    free(buf);
    // ruleid: c-free-non-heap
    free(&x);
    char *heap = malloc(4);
    // ok: c-free-non-heap
    free(heap);
}
