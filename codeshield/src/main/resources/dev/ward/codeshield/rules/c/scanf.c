#include <stdio.h>

void ask(FILE *in) {
    char answer[64];
    int age;
    // ruleid: c-scanf-unbounded-string
    scanf( "%s", answer );
    // ruleid: c-scanf-unbounded-string
    fscanf(in, "%d %s", &age, answer);
    // ruleid: c-scanf-unbounded-string
    sscanf("x y", "%[^\n]", answer);
    // ok: c-scanf-unbounded-string
    scanf("%63s", answer);
    // ok: c-scanf-unbounded-string
    scanf("%d", &age);
}
