#include <openssl/aes.h>
#include <openssl/evp.h>

void seal(const unsigned char *in, unsigned char *out, const unsigned char *raw, AES_KEY *key) {
    // ruleid: c-low-level-cipher-call
    AES_set_encrypt_key(raw, 128, key);
    // ruleid: c-low-level-cipher-call
    AES_encrypt(in, out, key);
    // ok: c-low-level-cipher-call
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, raw, iv);
}

void obfuscate(char *buf, size_t n, const char *key, size_t key_len) {
    for (size_t i = 0; i < n; i++) {
        // ruleid: c-homemade-xor-cipher
        buf[i] ^= key[i % key_len];
    }
    for (size_t i = 0; i < n; i++) {
        // ok: c-homemade-xor-cipher
        buf[i] ^= 0x20;
    }
}
