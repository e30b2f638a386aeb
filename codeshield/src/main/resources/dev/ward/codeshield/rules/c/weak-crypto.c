#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <openssl/blowfish.h>
#include <openssl/des.h>

/* An excerpt of a header: the prototypes offer the algorithms. */
// ruleid: c-weak-hash
const EVP_MD *EVP_md5(void);
// ruleid: c-weak-hash
const EVP_MD *EVP_md5_sha1(void);
// ruleid: c-ecb-mode, c-des-cipher
const EVP_CIPHER *EVP_des_ecb(void);
// ruleid: c-blowfish-cipher, c-unauthenticated-cipher-mode
const EVP_CIPHER *EVP_bf_cbc(void);
// ok: c-weak-hash, c-unauthenticated-cipher-mode, c-ecb-mode
const EVP_CIPHER *EVP_aes_256_gcm(void);

void digests(const unsigned char *data, size_t n, unsigned char *out) {
    // ruleid: c-weak-hash
    const EVP_MD *md = EVP_md5();
    MD5_CTX c;
    // ruleid: c-weak-hash
    MD5_Init(&c);
    // ruleid: c-weak-hash
    MD5_Update(&c, data, n);
    // ruleid: c-weak-hash
    SHA1(data, n, out);
    // ruleid: c-weak-hash
    EVP_DigestInit_ex(ctx, EVP_sha1(), NULL);
    // ruleid: c-weak-hash
    const EVP_MD *byname = EVP_get_digestbyname("MD5");
    // ruleid: c-weak-hash
    EVP_MD *fetched = EVP_MD_fetch(NULL, "SHA1", NULL);
    // ruleid: c-weak-hash
    HMAC(EVP_md4(), key, keylen, data, n, out, &outlen);
    // ok: c-weak-hash
    const EVP_MD *good = EVP_sha256();
    // ok: c-weak-hash
    EVP_MD *sha3 = EVP_MD_fetch(NULL, "SHA3-256", NULL);
    // EVP_md5() in a comment does not count
}

void ciphers(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv) {
    // ruleid: c-ecb-mode, c-des-cipher
    EVP_EncryptInit_ex(ctx, EVP_des_ecb(), NULL, key, NULL);
    // ruleid: c-ecb-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    // ruleid: c-ecb-mode
    AES_ecb_encrypt(in, out, &aes_key, AES_ENCRYPT);
    // ruleid: c-ecb-mode
    EVP_CIPHER *ecb = EVP_CIPHER_fetch(NULL, "AES-256-ECB", NULL);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, iv);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_256_xts(), NULL, key, iv);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_cfb8(), NULL, key, iv);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_cfb128(), NULL, key, iv);
    // ruleid: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_camellia_256_ofb(), NULL, key, iv);
    // ruleid: c-unauthenticated-cipher-mode
    const EVP_CIPHER *named = EVP_get_cipherbyname("aes-256-cbc");
    // ok: c-ecb-mode, c-unauthenticated-cipher-mode, c-des-cipher, c-blowfish-cipher, c-broken-cipher
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
    // ok: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_chacha20_poly1305(), NULL, key, iv);
    // ok: c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc_hmac_sha256(), NULL, key, iv);
}

void legacy(const unsigned char *in, unsigned char *out, long len, unsigned char *ivec) {
    BF_KEY bf;
    // ruleid: c-blowfish-cipher
    BF_set_key(&bf, 16, key);
    // ruleid: c-blowfish-cipher
    BF_cbc_encrypt(in, out, len, &bf, ivec, BF_ENCRYPT);
    // ruleid: c-blowfish-cipher
    BF_decrypt(data, &bf);
    // ruleid: c-blowfish-cipher, c-unauthenticated-cipher-mode
    EVP_EncryptInit_ex(ctx, EVP_bf_cfb64(), NULL, key, ivec);
    // ruleid: c-des-cipher
    DES_set_key_checked(&k, &schedule);
    // ruleid: c-des-cipher, c-ecb-mode
    DES_ecb_encrypt(&input, &output, &schedule, DES_ENCRYPT);
    // ruleid: c-des-cipher
    DES_ede3_cbc_encrypt(in, out, len, &ks1, &ks2, &ks3, &iv3, DES_ENCRYPT);
    // ruleid: c-des-cipher, c-unauthenticated-cipher-mode
    EVP_CipherInit_ex(ctx, EVP_des_ede3_cbc(), NULL, key, ivec, 1);
    // ruleid: c-des-cipher
    EVP_CIPHER *des = EVP_CIPHER_fetch(NULL, "DES-EDE3", NULL);
    // ruleid: c-broken-cipher
    EVP_EncryptInit_ex(ctx, EVP_rc4(), NULL, key, NULL);
    // ruleid: c-broken-cipher
    RC4_set_key(&rc4, 16, key);
    // ok: c-des-cipher, c-blowfish-cipher
    BF_KEY unused_type;
}

#ifdef _WIN32
void windows(HCRYPTPROV prov, HCRYPTHASH *hash, HCRYPTKEY *k) {
    // ruleid: c-weak-hash
    CryptCreateHash(prov, CALG_MD5, 0, 0, hash);
    // ruleid: c-des-cipher
    CryptGenKey(prov, CALG_3DES, CRYPT_EXPORTABLE, k);
    // ruleid: c-weak-hash
    BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA1_ALGORITHM, NULL, 0);
    // ok: c-weak-hash
    BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0);
}
#endif
