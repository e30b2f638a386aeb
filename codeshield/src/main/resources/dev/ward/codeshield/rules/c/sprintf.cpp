#include <cstdio>
#include <string>

void trace(const char *file, uint16_t line, const char *format, va_list args) {
  char temp[2048];
  char *out = temp;
  // ruleid: c-unbounded-sprintf
  std::sprintf(out, "%s (%d): ", file, line);
  // ruleid: c-unbounded-sprintf
  sprintf(out, "%s", format);
  // ok: c-unbounded-sprintf
  std::snprintf(out, sizeof temp, "%s", file);
  // ruleid: c-snprintf-result-unchecked
  int32_t len = bx::snprintf(out, sizeof(temp), "%s (%d): ", file, line);
  // ruleid: c-snprintf-result-unchecked
  int32_t total = len + bx::vsnprintf(out + len, sizeof(temp) - len, format, args);
  if ((int32_t)sizeof(temp) < total) {
    out = static_cast<char *>(alloca(total + 1));
  }
  out[total] = '\0';
}
