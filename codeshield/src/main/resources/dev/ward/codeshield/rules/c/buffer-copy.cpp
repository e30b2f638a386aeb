#include <cstring>
#include <string>

void copy(const std::string &payload) {
    char plName[16];
    // ruleid: c-unbounded-string-copy
    strcpy(plName, payload.c_str());
    // ok: c-unbounded-string-copy
    std::string copy = payload;
}

void assign(char **str1, const char *str_value) {
    // ruleid: c-unbounded-string-copy
    ::strcpy(*str1, str_value);
    // ruleid: c-unbounded-string-copy
    std::strcat(*str1, std::string(str_value).c_str());
    // ok: c-unbounded-string-copy
    std::strncpy(*str1, str_value, 15);
}
