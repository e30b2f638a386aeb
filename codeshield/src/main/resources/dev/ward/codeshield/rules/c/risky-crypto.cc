#include <openssl/aes.h>
#include <cstddef>

void seal(const unsigned char *in, unsigned char *out, const unsigned char *raw, AES_KEY *key) {
    // ruleid: c-low-level-cipher-call
    AES_set_encrypt_key(raw, 128, key);
    // ruleid: c-low-level-cipher-call
    AES_encrypt(in, out, key);
}

void obfuscate(char *buf, std::size_t n, const char *key, std::size_t key_len) {
    for (std::size_t i = 0; i < n; i++) {
        // ruleid: c-homemade-xor-cipher
        buf[i] ^= key[i % key_len];
    }
    for (std::size_t i = 0; i < n; i++) {
        // ok: c-homemade-xor-cipher
        buf[i] ^= 0x20;
    }
}
