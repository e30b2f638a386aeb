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
    // ruleid: c-free-non-heap
    char buf[16];
    free(buf);
    char *heap = malloc(4);
    // ok: c-free-non-heap
    free(heap);
}

void initialised(void) {
    // ruleid: c-free-non-heap
    long counter = 0;
    counter++;
    free(&counter);
    // ruleid: c-free-non-heap
    char path[] = "/tmp/x";
    free(path);
    // ruleid: c-free-non-heap
    char zeroed[32] = {0};
    free(zeroed);
}

void address(void) {
    // ruleid: c-free-non-heap
    int x;
    x = 3;
    free(&x);
}

// ruleid: c-free-non-heap
static struct node global_node;

void release_global(struct node *n) {
    free(&global_node);
    // ok: c-free-non-heap
    free(n);
}

void release_param(struct node *n, struct node *other) {
    // ruleid: c-free-non-heap
    free(&other);
}
