#include <cstdio>

void ask() {
    char answer[64];
    // ruleid: c-scanf-unbounded-string
    scanf("%s", answer);
    // todoruleid: c-scanf-unbounded-string
    std::scanf("%s", answer);
    // ok: c-scanf-unbounded-string
    std::scanf("%63s", answer);
}
