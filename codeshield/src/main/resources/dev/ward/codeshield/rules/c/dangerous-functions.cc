#include <cstdlib>
#include <cstring>
#include <ctime>

int parse(char *line) {
    // ruleid: c-dangerous-function
    char *tok = strtok(line, ",");
    // ruleid: c-dangerous-function
    int n = atoi(tok);
    // ok: c-dangerous-function
    long m = std::strtol(tok, nullptr, 10);
    // ruleid: c-predictable-seed
    srand(static_cast<unsigned>(time(nullptr)));
    return n + static_cast<int>(m);
}
