/* The digest of the decoder's meaning: a 64-bit sum, over the words
 * decoded, of a hash of each word with what decode_insn made of it under the
 * default CPU model (the op by name, every field of struct insn but pc and
 * label, and decode_word_feature). A sum, so it is the same for any order
 * or split of the words; ops are hashed by name, so renumbering rows leaves
 * it alone while any change of what a word decodes to changes it.
 * tests/fuzz/decode.digest holds it for all 2^32 words (decode_all
 * --digest, make check-decode and make check-all recompute it). */
#ifndef PVM_TESTS_FUZZ_DECODE_DIGEST_H
#define PVM_TESTS_FUZZ_DECODE_DIGEST_H

#include <stdint.h>

#include "interp/decode.h"

/* splitmix64's finaliser */
static inline uint64_t decode_digest_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

/* FNV-1a of each op's name, made once */
static inline const uint64_t *decode_digest_names(void)
{
    static uint64_t name[OP_COUNT];
    static int made;
    if (!made) {
        for (unsigned op = 0; op < OP_COUNT; op++) {
            uint64_t h = 0xcbf29ce484222325ull;
            for (const char *p = decode_op_name(op); *p; p++)
                h = (h ^ (uint8_t)*p) * 0x100000001b3ull;
            name[op] = h;
        }
        made = 1;
    }
    return name;
}

/* the term of word w decoded as *i with feature feat */
static inline uint64_t decode_digest_word(uint32_t w, const struct insn *i, int feat)
{
    uint64_t small1 = (uint64_t)i->flags | (uint64_t)i->rd << 8 | (uint64_t)i->rn << 16 |
                      (uint64_t)i->rm << 24 | (uint64_t)i->ra << 32 | (uint64_t)i->rs << 40 |
                      (uint64_t)i->sf << 48 | (uint64_t)i->cond << 56;
    uint64_t small2 = (uint64_t)i->opt | (uint64_t)i->amt << 8 | (uint64_t)i->size << 16 |
                      (uint64_t)i->x << 24 | (uint64_t)i->y << 32 | (uint64_t)(uint32_t)(feat + 1) << 40;
    uint64_t h = decode_digest_mix(w ^ decode_digest_names()[i->op < OP_COUNT ? i->op : 0]);
    h = decode_digest_mix(h ^ (uint64_t)i->imm);
    h = decode_digest_mix(h ^ i->imm2);
    h = decode_digest_mix(h ^ small1);
    return decode_digest_mix(h ^ small2);
}

#endif
