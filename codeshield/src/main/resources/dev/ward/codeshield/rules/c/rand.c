#include <stdlib.h>
#include <time.h>

double noise(void) {
    // ruleid: c-weak-random
    srand(time(NULL));
    // ruleid: c-weak-random
    double alpha = ((double)rand() / (double)RAND_MAX);
    // ruleid: c-weak-random
    if (rand() % 4) {
        alpha = 0;
    }
    // ok: c-weak-random
    long r = strand(3);
    return alpha + r;
}
