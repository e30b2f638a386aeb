#include <openssl/evp.h>
#include <memory>

namespace crypto {
constexpr int kKeyBits = 1024;

std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> NewRsaKey() {
  // ruleid: c-rsa-key-too-small
  return {EVP_RSA_gen(1024), &EVP_PKEY_free};
}

bool Configure(EVP_PKEY_CTX *ctx) {
  // ok: c-rsa-key-too-small
  return EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 4096) > 0;
}

const BIGNUM *Prime() {
  // ruleid: c-weak-elliptic-curve
  return ::BN_get0_nist_prime_192();
}
}  // namespace crypto
