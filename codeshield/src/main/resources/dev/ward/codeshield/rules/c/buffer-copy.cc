#include <cstring>
#include <string>

void copy(char (&out)[64], const std::string &name) {
    // ruleid: c-copy-length-from-source
    memcpy(out, name.c_str(), strlen(name.c_str()) + 1);
    // todoruleid: c-copy-length-from-source
    std::memcpy(out, name.c_str(), strlen(name.c_str()) + 1);
    // ok: c-copy-length-from-source
    std::memcpy(out, name.c_str(), sizeof out);
}
