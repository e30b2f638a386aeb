#include <stdio.h>

void label(char *out, const char *name, int n) {
    char buff[64];
    // ruleid: c-unbounded-sprintf
    sprintf(buff, "Testing push_string with uart_tx_wait\n\r");
    // ruleid: c-unbounded-sprintf
    sprintf(out, "%s-%05d.txt", name, n);
    // ok: c-unbounded-sprintf
    snprintf(out, 64, "%s-%05d.txt", name, n);
    // ok: c-unbounded-sprintf
    printf("%s\n", name);
    // ruleid: c-unbounded-sprintf
    sprintf(out, format_for(n), upper(name));
}

int join(char *buf, size_t size, const char *a, const char *b) {
    int n;
    // ruleid: c-snprintf-result-unchecked
    n = snprintf(buf, size, "%s", a);
    // ruleid: c-snprintf-result-unchecked
    n += snprintf(buf + n, size - n, "/%s", b);
    return n;
}

void terminate_at(char *s) {
    char buf[50];
    // ruleid: c-snprintf-result-unchecked
    int ret = snprintf(buf, sizeof(buf), "%s", s);
    buf[ret] = '\0';
}

int checked(char *out, size_t size, const char *name) {
    // ok: c-snprintf-result-unchecked
    int n = snprintf(out, size, "%s", name);
    if (n < 0 || (size_t)n >= size) {
        return -1;
    }
    // ok: c-snprintf-result-unchecked
    n = os_snprintf(out, size, "x%s", name);
    if (n < (int)size) out[n] = 'x';
    // ok: c-snprintf-result-unchecked
    snprintf(out, size, "%d", n);
    return n;
}
