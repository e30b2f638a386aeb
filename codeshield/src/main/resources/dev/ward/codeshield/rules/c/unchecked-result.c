#include <CoreFoundation/CoreFoundation.h>
#include <stdio.h>

void print_name(CFStringRef name) {
    char buffer[64];
    // ruleid: c-cstring-conversion-unchecked
    CFStringGetCString(name, buffer, sizeof buffer, kCFStringEncodingUTF8);
    puts(buffer);
}

bool copy_name(CFStringRef name, char *out, CFIndex size) {
    // ok: c-cstring-conversion-unchecked
    if (!CFStringGetCString(name, out, size, kCFStringEncodingUTF8)) {
        return false;
    }
    // ok: c-cstring-conversion-unchecked
    Boolean ok = CFStringGetCString(name, out, size, kCFStringEncodingASCII);
    // ok: c-cstring-conversion-unchecked
    return ok && CFStringGetCString(name, out, size, kCFStringEncodingUTF8);
}
