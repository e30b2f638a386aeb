#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>

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

void ask_wide(const wchar_t *line, va_list ap) {
    // ruleid: c-scanf-unbounded-string
    vswscanf(line, L"%ls", ap);
    // ruleid: c-scanf-unbounded-string
    vfwscanf(stdin, L"%ls", ap);
    // ok: c-scanf-unbounded-string
    vswscanf(line, L"%63ls", ap);
}
