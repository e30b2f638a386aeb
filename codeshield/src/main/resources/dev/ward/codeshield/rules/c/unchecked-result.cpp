#include <CoreFoundation/CoreFoundation.h>
#include <string>

std::string ToUtf8(CFStringRef s) {
  char buf[256];
  // ruleid: c-cstring-conversion-unchecked
  ::CFStringGetCString(s, buf, sizeof(buf), kCFStringEncodingUTF8);
  return std::string(buf);
}

std::string ToUtf8Checked(CFStringRef s) {
  char buf[256];
  // ok: c-cstring-conversion-unchecked
  return CFStringGetCString(s, buf, sizeof(buf), kCFStringEncodingUTF8) ? std::string(buf) : std::string();
}
