#include <string.h>
#include <stdio.h>

void greet(const char *name) {
    char buf[32];
    // ruleid: c-unbounded-string-copy
    strcpy(buf, name);
    // ruleid: c-unbounded-string-copy
    strcat(buf, "!");
    // ruleid: c-unbounded-string-copy
    char *end = stpcpy(buf, name);
    // ok: c-unbounded-string-copy
    snprintf(buf, sizeof buf, "%s", name);
    // ok: c-unbounded-string-copy
    strncat(buf, name, sizeof buf - strlen(buf) - 1);
    // ruleid: c-copy-length-from-source
    memcpy(buf, name, strlen(name) + 1);
    // ok: c-copy-length-from-source
    memcpy(buf, name, sizeof buf);
    // ok: c-unbounded-string-copy
    strcpy(buf, "a literal shorter than 32");
    // ruleid: c-unbounded-string-copy
    strcpy(buf, "a literal that is longer than thirty-two chars");
    // ruleid: c-unbounded-string-copy
    strcat(buf, "?");
    if (strlen(name) < sizeof buf) {
        // ok: c-unbounded-string-copy
        strcpy(buf, name);
    }
    if (strlen(name) < 64) {
        // ruleid: c-unbounded-string-copy
        strcpy(buf, name);
    }
    // strcpy(buf, name); is fine in a comment
    // ok: c-unbounded-string-copy
    puts(buf);
}

void windows_names(char *dst, wchar_t *wdst, const char *src, const wchar_t *wsrc) {
    // ruleid: c-unbounded-string-copy
    lstrcatA(dst, src);
    // ruleid: c-unbounded-string-copy
    lstrcatW(wdst, wsrc);
    // ruleid: c-unbounded-string-copy
    lstrcpyA(dst, src);
}
