#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>

struct config { const char *user; const char *password; };

void login(struct config *cfg) {
    char *user = "admin";
    char *password;
    // ruleid: c-hardcoded-credential
    password = "";
    // ruleid: c-hardcoded-credential
    const char *api_key = "3f9a0c";
    // ruleid: c-hardcoded-credential
    char db_password[] = "hunter2";
    // ruleid: c-hardcoded-credential
    static const char secret_key[32] = "0123456789abcdef0123456789abcdef";
    // ruleid: c-hardcoded-credential
    cfg->password = "changeme";
    // ok: c-hardcoded-credential
    password = read_secret("db");
    // ok: c-hardcoded-credential
    const char *greeting = "hello";
    // ok: c-hardcoded-credential
    cfg->password = getenv("DB_PASSWORD");
}

// ruleid: c-hardcoded-credential-initializer
static struct config defaults = { .user = "admin", .password = "admin123" };
static struct config from_env = {
    .user = "admin",
    // ok: c-hardcoded-credential-initializer
    .password = NULL,
};

int encrypt(EVP_CIPHER_CTX *ctx, const unsigned char *key) {
    // ruleid: c-fixed-nonce
    unsigned char iv[16] = {0};
    // ruleid: c-fixed-nonce
    unsigned char nonce[12] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b};
    // ruleid: c-fixed-nonce
    const char *initialization_vector = "abcdefghijklmnop";
    unsigned char *aes_iv;
    // ruleid: c-fixed-nonce
    aes_iv = (unsigned char *)"0000000000000000";
    // ruleid: c-fixed-nonce
    static const unsigned char gcm_nonce[] = "fixednonce12";
    // ok: c-fixed-nonce
    unsigned char fresh_iv[16];
    // ok: c-fixed-nonce
    RAND_bytes(fresh_iv, sizeof fresh_iv);
    // ok: c-fixed-nonce
    size_t iv_len = 16;
    // ok: c-fixed-nonce
    unsigned char *derived_iv = derive(key, 16);
    return EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, key, iv);
}

void shuffle(int *cards, int n) {
    unsigned int seed;
    // ruleid: c-fixed-seed
    seed = 10;
    srand(seed);
    // ruleid: c-fixed-seed
    srand(42);
    // ruleid: c-fixed-seed
    const char *rng_seed = "seedvalue";
    // ok: c-fixed-seed
    unsigned int rngSeed;
    // ok: c-fixed-seed
    size_t seed_len = 32;
    // ok: c-fixed-seed
    srand(rngSeed);
    // ok: c-fixed-seed
    srand((unsigned)time(NULL) ^ getpid());
}
