#include <stdlib.h>
#include <time.h>

double noise(void) {
    // ok: c-weak-random
    srand(time(NULL));
    // ruleid: c-weak-random
    double alpha = ((double)rand() / (double)RAND_MAX);
    // ruleid: c-weak-random
    if (rand() % 4) {
        alpha = 0;
    }
    unsigned int state = 1;
    // ruleid: c-weak-random
    int k = rand_r(&state);
    // ok: c-weak-random
    long r = strand(3);
    return alpha + r;
}
