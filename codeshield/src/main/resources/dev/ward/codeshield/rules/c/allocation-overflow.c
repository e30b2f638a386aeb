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

void *grow(void *p, size_t n, size_t size) {
    // ruleid: c-allocation-size-overflow
    void *q = g_realloc(p, n * size);
    // ruleid: c-allocation-size-overflow
    double *v = (double *)PyMem_Malloc(n * sizeof(double));
    // ruleid: c-allocation-size-overflow
    char *s = apr_palloc(pool, len * 2 + 1);
    // ok: c-allocation-size-overflow
    char *w = malloc(WIDTH * 5);
    // ok: c-allocation-size-overflow
    char *c = malloc(sizeof(long) * 8);
    return q;
}

void *bounded(size_t n) {
    if (n < 1024) {
        // ok: c-allocation-size-overflow
        return malloc(n * 2);
    }
    return NULL;
}

void *rejected(size_t n) {
    if (n > SIZE_MAX / sizeof(int)) {
        return NULL;
    }
    // ok: c-allocation-size-overflow
    return malloc(sizeof(int) * n);
}

void *early(int x) {
    if (x > 100)
        return NULL;
    // ok: c-allocation-size-overflow
    return malloc(x * 2);
}

void *allocators(size_t n, size_t m) {
    // ruleid: c-allocation-size-overflow
    void *a = g_malloc0(n * m);
    // ruleid: c-allocation-size-overflow
    void *b = HeapAlloc(heap, 0, n * m);
    // ruleid: c-allocation-size-overflow
    mp_limb_t *c = xalloc_limbs(3 * n);
    // ruleid: c-allocation-size-overflow
    lcomplex **e = (lcomplex **) s_mallocf(n * sizeof(lcomplex *));
    // ruleid: c-allocation-size-overflow
    char *d = __builtin_alloca(sizeof(char) * (n + 1));
    // ok: c-allocation-size-overflow
    Deallocate(a, n * m);
    // ok: c-allocation-size-overflow
    ReuseOrAllocNode(a, n * m);
    return a;
}
