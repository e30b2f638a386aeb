#include <cstdio>
#include <cstdlib>
#include <cstring>

// ruleid: c-macro-unbounded-string-write
#define APPEND(dst, src) std::strcat(dst, src)
// ruleid: c-macro-weak-random
#define JITTER() (std::rand() % 100)
// ruleid: c-macro-gets
#define READ_LINE(buf) \
    gets(buf)
// ruleid: c-macro-unbounded-scanf
#define READ_TOKEN(in, buf) std::fscanf(in, "%s", buf)
// ok: c-macro-gets
#define READ_BOUNDED(buf) std::fgets(buf, sizeof buf, stdin)
// ruleid: c-macro-unbounded-string-write
#define W_APPEND(dst, src) ::lstrcatW(dst, src)
// ruleid: c-macro-unbounded-scanf
#define SCAN_WIDE(in, w) std::fwscanf(in, L"%ls", w)
// ruleid: c-macro-weak-random
#define UNIT() (std::drand48() + erand48(xsubi))
