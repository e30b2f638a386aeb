#include <string>

void connect() {
    // ruleid: c-hardcoded-credential
    const char *api_key = "3f9a0c";
    // ok: c-hardcoded-credential
    const char *greeting = "hello";
}
