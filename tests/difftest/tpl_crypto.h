/* Difftest templates of class crypto: AES, SHA1, SHA256, SHA512, SHA3,
 * PMULL (64-bit), CRC32. Included by gen.c; the oracle runs with -cpu max.
 * Every operand form of each instruction is listed (the Q/S/V register
 * roles of the SHA forms are fixed by the encoding, so one string each). */
static const char *const crypto_tpl[] = {
    /* FEAT_AES */
    "aese V.16b, V.16b",
    "aesd V.16b, V.16b",
    "aesmc V.16b, V.16b",
    "aesimc V.16b, V.16b",
    /* FEAT_PMULL */
    "pmull V.1q, V.1d, V.1d",
    "pmull2 V.1q, V.2d, V.2d",
    /* FEAT_SHA1 */
    "sha1c Q, S, V.4s",
    "sha1p Q, S, V.4s",
    "sha1m Q, S, V.4s",
    "sha1h S, S",
    "sha1su0 V.4s, V.4s, V.4s",
    "sha1su1 V.4s, V.4s",
    /* FEAT_SHA256 */
    "sha256h Q, Q, V.4s",
    "sha256h2 Q, Q, V.4s",
    "sha256su0 V.4s, V.4s",
    "sha256su1 V.4s, V.4s, V.4s",
    /* FEAT_SHA512 */
    "sha512h Q, Q, V.2d",
    "sha512h2 Q, Q, V.2d",
    "sha512su0 V.2d, V.2d",
    "sha512su1 V.2d, V.2d, V.2d",
    /* FEAT_SHA3 */
    "eor3 V.16b, V.16b, V.16b, V.16b",
    "bcax V.16b, V.16b, V.16b, V.16b",
    "rax1 V.2d, V.2d, V.2d",
    "xar V.2d, V.2d, V.2d, #6",
    /* FEAT_CRC32 */
    "crc32x W, W, X",
    "crc32b W, W, W",
    "crc32h W, W, W",
    "crc32w W, W, W",
    "crc32cb W, W, W",
    "crc32ch W, W, W",
    "crc32cw W, W, W",
    "crc32cx W, W, X",
};
