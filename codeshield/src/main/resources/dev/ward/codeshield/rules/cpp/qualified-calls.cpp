#include <cstring>

void assign(char **str1, const char *str_value) {
    // ruleid: cpp-qualified-unbounded-copy
    ::strcpy(*str1, str_value);
    // ruleid: cpp-qualified-unbounded-copy
    std::sprintf(*str1, "%s", str_value);
    // ruleid: cpp-qualified-unbounded-copy
    std::strcpy(*str1, std::string(str_value).c_str());
    // ok: cpp-qualified-unbounded-copy
    std::snprintf(*str1, 16, "%s", str_value);
}
