#include <openssl/evp.h>

void crypto(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv) {
    // ruleid: c-weak-hash
    const EVP_MD *md = EVP_md5();
    // ok: c-weak-hash
    const EVP_MD *good = EVP_sha256();
    // ruleid: c-ecb-mode, c-des-cipher
    EVP_EncryptInit_ex(ctx, EVP_des_ecb(), nullptr, key, nullptr);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key, iv);
    // ok: c-ecb-mode, c-unauthenticated-cipher-mode, c-broken-cipher, c-des-cipher
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key, iv);
}
