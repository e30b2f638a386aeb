#include <openssl/evp.h>
#include <mbedtls/md5.h>
#include <CommonCrypto/CommonCrypto.h>

class Cipher {
 public:
  const EVP_CIPHER *legacy() const {
    // ruleid: c-des-cipher, c-unauthenticated-cipher-mode
    return ::EVP_des_ede3_cbc();
  }
  const EVP_CIPHER *fish() const {
    // ruleid: c-blowfish-cipher, c-ecb-mode
    return EVP_bf_ecb();
  }
  const EVP_CIPHER *stream() const {
    // ruleid: c-broken-cipher
    return EVP_rc4();
  }
  const EVP_CIPHER *modern() const {
    // ok: c-des-cipher, c-blowfish-cipher, c-broken-cipher, c-unauthenticated-cipher-mode, c-ecb-mode
    return EVP_aes_256_gcm();
  }
};

std::string digest(const std::string &s) {
  unsigned char out[16];
  // ruleid: c-weak-hash
  mbedtls_md5(reinterpret_cast<const unsigned char *>(s.data()), s.size(), out);
  // ruleid: c-weak-hash
  CC_SHA1(s.data(), static_cast<CC_LONG>(s.size()), out);
  // ruleid: c-broken-cipher
  CCCryptorCreate(kCCEncrypt, kCCAlgorithmRC4, 0, key, 16, nullptr, &ref);
  // ruleid: c-des-cipher, c-ecb-mode
  CCCrypt(kCCEncrypt, kCCAlgorithmDES, kCCOptionECBMode, key, 8, nullptr, in, n, out, n, &moved);
  // ok: c-weak-hash
  CC_SHA256(s.data(), static_cast<CC_LONG>(s.size()), out);
  return hex(out);
}
