#include <openssl/rsa.h>
#include <openssl/evp.h>
#include <openssl/ec.h>

RSA *make_keys(BIGNUM *e) {
    RSA *rsa = RSA_new();
    // ruleid: c-rsa-key-too-small
    RSA_generate_key_ex(rsa, 1024, e, NULL);
    // ruleid: c-rsa-key-too-small
    RSA *old = RSA_generate_key(512, RSA_F4, NULL, NULL);
    // ruleid: c-rsa-key-too-small
    EVP_PKEY *pkey = EVP_RSA_gen(768);
    // ok: c-rsa-key-too-small
    EVP_PKEY *good = EVP_RSA_gen(3072);
    // ok: c-rsa-key-too-small
    RSA_generate_key_ex(rsa, 2048, e, NULL);
    // ok: c-rsa-key-too-small
    RSA *exponent_only = RSA_generate_key(4096, 65537, NULL, NULL);
    return rsa;
}

int keygen_ctx(EVP_PKEY_CTX *ctx, BIGNUM *e) {
    int bits = 1536;
    // ruleid: c-rsa-key-too-small
    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits);
    RSA *rsa = RSA_new();
    // ruleid: c-rsa-key-too-small
    return RSA_generate_key_ex(rsa, bits, e, NULL);
}

int keygen_configured(EVP_PKEY_CTX *ctx, int bits) {
    // ok: c-rsa-key-too-small
    return EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits);
}

EC_KEY *curve(void) {
    // ruleid: c-weak-elliptic-curve
    EC_KEY *k = EC_KEY_new_by_curve_name(NID_X9_62_prime192v1);
    // ruleid: c-weak-elliptic-curve
    const BIGNUM *p = BN_get0_nist_prime_192();
    // ruleid: c-weak-elliptic-curve
    EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_secp160r1);
    // ok: c-weak-elliptic-curve
    EC_KEY *good = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
    return k;
}
