#include <cstdlib>
#include <string>

int Archive(const std::string &path) {
  std::string cmd = "tar czf backup.tgz " + path;
  // ruleid: c-command-injection
  return std::system(cmd.c_str());
}

int Clear() {
  // ok: c-command-injection
  return std::system("clear");
}
