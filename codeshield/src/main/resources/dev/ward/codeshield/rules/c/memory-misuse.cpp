#include <cstdlib>
#include <cstring>

void scratch(const char *src) {
  // ruleid: c-free-non-heap
  char tmp[64];
  std::strncpy(tmp, src, sizeof tmp - 1);
  free(tmp);
  char *copy = strdup(src);
  // ok: c-free-non-heap
  free(copy);
  free(copy);
  // ruleid: c-use-after-free
  std::strlen(copy);
}
