#include <openssl/evp.h>

void crypto(EVP_CIPHER_CTX *ctx, const unsigned char *key) {
    // ruleid: c-weak-hash
    const EVP_MD *md = EVP_md5();
    // ruleid: c-weak-hash
    MD5_Init(&c);
    // ok: c-weak-hash
    const EVP_MD *good = EVP_sha256();
    // ruleid: c-ecb-mode, c-broken-cipher
    EVP_EncryptInit_ex(ctx, EVP_des_ecb(), NULL, key, NULL);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv);
    // ok: c-ecb-mode, c-unauthenticated-cipher-mode, c-broken-cipher
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
    // EVP_md5() in a comment does not count
}
