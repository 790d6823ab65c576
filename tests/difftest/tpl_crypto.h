/* Difftest templates of class crypto: AES, SHA1, SHA256, SHA512, SHA3,
 * PMULL (64-bit), CRC32. Included by gen.c; the oracle runs with -cpu max. */
static const char *const crypto_tpl[] = {
    "crc32x W, W, X",
};
