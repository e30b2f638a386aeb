#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ruleid: c-macro-unbounded-string-write */
#define COPY_NAME(dst, src) strcpy((dst), (src))
/* ruleid: c-macro-unbounded-string-write */
#define LOG_LINE(buf, code, text) do { \
        int _n = (code); \
        sprintf((buf), "%d: %s", _n, (text)); \
    } while (0)
/* ok: c-macro-unbounded-string-write */
#define COPY_BOUNDED(dst, src) snprintf((dst), sizeof(dst), "%s", (src))
/* ruleid: c-macro-weak-random */
#define DICE() (rand() % 6 + 1)
/* ok: c-macro-weak-random */
#define SEEDED(s) srand(s)
/* ruleid: c-macro-unbounded-scanf */
#define READ_WORD(w) scanf("%s", (w))
/* ok: c-macro-unbounded-scanf */
#define READ_SHORT(w) scanf("%15s", (w))

/* ruleid: c-macro-gets */
#define READ_ANY(buf) gets(buf)

void use(char *out, const char *in) {
    COPY_NAME(out, in);
    LOG_LINE(out, DICE(), in);
    READ_WORD(out);
}
