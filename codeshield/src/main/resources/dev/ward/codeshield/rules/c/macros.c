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

/* ruleid: c-macro-unbounded-string-write */
#define WIN_COPY(dst, src) lstrcpyA((dst), (src))
/* ruleid: c-macro-unbounded-string-write */
#define T_COPY(dst, src) _tcscpy(dst, src)
/* ruleid: c-macro-unbounded-string-write */
#define MB_APPEND(dst, src) _mbscat(dst, src)
/* ruleid: c-macro-unbounded-string-write */
#define WIN_FORMAT(buf, n) wsprintfW((buf), L"%d", (n))
/* ruleid: c-macro-unbounded-string-write */
#define WIDE_TITLE(buf) swprintf((buf), L"Title, v%d")
/* ok: c-macro-unbounded-string-write */
#define WIDE_BOUNDED(buf, text) swprintf((buf), sizeof(buf) / sizeof(wchar_t), L"%ls", (text))
/* ruleid: c-macro-weak-random */
#define SIGNED_DRAW() mrand48()
/* ruleid: c-macro-weak-random */
#define DRAW_FROM(state) jrand48(state)
/* ruleid: c-macro-weak-random */
#define NEXT_DRAW(seedp) rand_r(seedp)
/* ok: c-macro-weak-random */
#define SEED48(s) srand48(s)
/* ruleid: c-macro-unbounded-scanf */
#define READ_WIDE(w) wscanf(L"%ls", (w))
/* ruleid: c-macro-unbounded-scanf */
#define PARSE_NAME(line, w) swscanf((line), L"name=%ls", (w))
/* ok: c-macro-unbounded-scanf */
#define PARSE_SHORT(line, w) swscanf((line), L"name=%15ls", (w))
/* ruleid: c-macro-gets */
#define READ_WIDE_LINE(buf) _getws(buf)

void use(char *out, const char *in) {
    COPY_NAME(out, in);
    LOG_LINE(out, DICE(), in);
    READ_WORD(out);
}
