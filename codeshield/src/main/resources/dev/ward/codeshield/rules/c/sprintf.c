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
