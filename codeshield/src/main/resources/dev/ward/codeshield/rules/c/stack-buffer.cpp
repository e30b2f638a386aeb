#include <cstring>
#include <iostream>
#include <iomanip>

int nsvg_parse(const char *start, const char *end) {
  char name[512];
  char value[512];
  int n = static_cast<int>(end - start);
  // ruleid: c-stack-buffer-write
  std::memcpy(name, start, n);
  // ruleid: c-stack-buffer-write
  memcpy(value, end, n);
  // ok: c-stack-buffer-write
  std::memcpy(value, start, sizeof(value) - 1);
  char pair[1024];
  // ruleid: c-stack-buffer-write
  std::sprintf(pair, "%s=%s", name, value);
  // ok: c-stack-buffer-write
  std::snprintf(pair, sizeof pair, "%s=%s", name, value);
  return name[0] + value[0];
}

void ask() {
  char answer[16];
  // ruleid: cpp-unbounded-stream-read
  std::cin >> answer;
  char first[8], last[8];
  // ruleid: cpp-unbounded-stream-read
  std::cin >> first >> last;
  std::string safe;
  // ok: cpp-unbounded-stream-read
  std::cin >> safe;
}

void bounded() {
  char word[16];
  std::cin.width(sizeof word);
  // ok: cpp-unbounded-stream-read
  std::cin >> word;
}
