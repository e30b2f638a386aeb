#include <cstdlib>
#include <jni.h>

struct Quad { float v[24]; };

class Atlas {
 public:
  explicit Atlas(int count) {
    // ruleid: c-allocation-size-overflow
    quads_ = static_cast<Quad *>(calloc(sizeof(Quad) * count, 1));
    // ruleid: c-allocation-size-overflow
    descs_ = static_cast<pollfd *>(std::realloc(descs_, max_len_ * sizeof(pollfd)));
    // ok: c-allocation-size-overflow
    indices_ = static_cast<short *>(std::malloc(sizeof(short) * 6));
  }

  jbyteArray ToJava(JNIEnv *env, jsize n) {
    // ruleid: c-allocation-size-overflow
    return env->NewByteArray(n * 4);
  }

 private:
  Quad *quads_;
  pollfd *descs_ = nullptr;
  short *indices_;
  int max_len_ = 0;
};
