#include <cstdlib>

double noise() {
    // ruleid: c-weak-random
    double alpha = static_cast<double>(rand()) / RAND_MAX;
    // ok: c-weak-random
    long r = strand(3);
    return alpha + r;
}
