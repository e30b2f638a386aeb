#include <stdlib.h>

typedef struct { int a; } trans_item;

void build(int Na, size_t count, int *old) {
    // ruleid: c-allocation-size-overflow
    trans_item *T = malloc (sizeof(trans_item) * Na);
    // ruleid: c-allocation-size-overflow
    int *states = (int*)malloc(count*sizeof(int));
    // ruleid: c-allocation-size-overflow
    old = realloc(old, count * sizeof(*old));
    // ok: c-allocation-size-overflow
    int *fixed = malloc(4 * 16);
    // ok: c-allocation-size-overflow
    int *zeroed = calloc(count, sizeof(int));
    // ruleid: c-allocation-size-overflow
    int *defeated = calloc(sizeof(int) * count, 1);
    // ok: c-allocation-size-overflow
    char *one = malloc(count + 1);
}
