#include <cstdio>
#include <string>

void ask(const std::string &line) {
    char answer[64];
    int n;
    // ruleid: c-scanf-unbounded-string
    scanf("%s", answer);
    // ruleid: c-scanf-unbounded-string
    std::scanf("%s", answer);
    // ruleid: c-scanf-unbounded-string
    std::sscanf(line.c_str(), "%d %s", &n, answer);
    // ok: c-scanf-unbounded-string
    std::sscanf(line.c_str(), "%d %63s", &n, answer);
    // ok: c-scanf-unbounded-string
    std::scanf("%63s", answer);
}
