#include <cstdio>

int main() {
    char line[80];
    // ruleid: c-gets
    gets(line);
    // ruleid: c-gets
    std::gets(line);
    // ok: c-gets
    fgets(line, sizeof line, stdin);
    return 0;
}
