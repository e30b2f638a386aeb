#include <cstring>
#include <string>

void copy(char (&out)[64], const std::string &name) {
    // ruleid: c-copy-length-from-source
    memcpy(out, name.c_str(), strlen(name.c_str()) + 1);
    // ruleid: c-copy-length-from-source
    std::memcpy(out, name.c_str(), strlen(name.c_str()) + 1);
    // ruleid: c-copy-length-from-source
    std::strncpy(out, name.c_str(), std::strlen(name.c_str()));
    // ok: c-copy-length-from-source
    std::memcpy(out, name.c_str(), sizeof out);
}
