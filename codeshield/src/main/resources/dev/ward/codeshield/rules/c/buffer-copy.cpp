#include <cstring>
#include <string>

void copy(const std::string &payload) {
    char plName[16];
    // ruleid: c-unbounded-string-copy
    strcpy(plName, payload.c_str());
    // ok: c-unbounded-string-copy
    std::string copy = payload;
}
