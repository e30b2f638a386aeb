#include <cstdlib>
#include <string>

void compress(const std::string &file) {
    std::string cmd = "gzip " + file;
    // ruleid: c-command-injection
    system(cmd.c_str());
    // ok: c-command-injection
    system("clear");
}
