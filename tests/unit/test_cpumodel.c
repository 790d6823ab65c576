/* CPU models (core/cpumodel.c) and the decoder's feature gate
 * (the feature column of interp/<class>.decode): the table's names and advertised HWCAP words, that
 * `max` advertises exactly the implemented set and gates no row, that a
 * model without a feature decodes that feature's words as OP_UNDEF, and the
 * cpuinfo Features line per model. Every test leaves `max` selected (the
 * unit tests share one process). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpumodel.h"
#include "interp/decode.h"
#include "syscalls/procfs.h"

/* encodings used below */
#define W_LDADD 0xb8210040u   /* ldadd w1, w0, [x2] */
#define W_CASAL 0xc8e0fc41u   /* casal x0, x1, [x2] */
#define W_CRC32B 0x1ac24020u  /* crc32b w0, w1, w2 */
#define W_AESE 0x4e284820u    /* aese v0.16b, v1.16b */
#define W_FJCVTZS 0x1e7e0020u /* fjcvtzs w0, d1 */
#define W_LDAPR 0xb8bfc041u   /* ldapr w1, [x2] */
#define W_LDAPUR 0x99400041u  /* ldapur w1, [x2] */
#define W_DC_CVAP 0xd50b7c20u /* dc cvap, x0 */
#define W_DC_CVADP 0xd50b7d20u /* dc cvadp, x0 */
#define W_DC_CVAC 0xd50b7a20u /* dc cvac, x0 */
#define W_SB 0xd50330ffu      /* sb */
#define W_ADD 0x8b020020u     /* add x0, x1, x2 */

static unsigned tc_op(uint32_t raw)
{
    struct insn i;
    decode_insn(&i, raw, 0x1000);
    return i.op;
}

START_TEST(test_table)
{
    ck_assert_int_eq(cpumodel_find("cortex-a53"), CPUMODEL_CORTEX_A53);
    ck_assert_int_eq(cpumodel_find("cortex-a72"), CPUMODEL_CORTEX_A72);
    ck_assert_int_eq(cpumodel_find("neoverse-n1"), CPUMODEL_NEOVERSE_N1);
    ck_assert_int_eq(cpumodel_find("max"), CPUMODEL_MAX);
    ck_assert_int_eq(cpumodel_find("cortex-a57"), -1);
    ck_assert_int_eq(cpumodel_find(""), -1);
    ck_assert_str_eq(cpumodel_names(), "cortex-a53, cortex-a72, neoverse-n1, max");
    /* the default, and max advertises exactly the implemented set */
    ck_assert_str_eq(cpumodel_current()->name, "max");
    ck_assert_uint_eq(cpumodel_hwcap(), hwcap_a64());
    ck_assert_uint_eq(cpumodel_hwcap2(), hwcap2_a64());
    /* the implemented set, derived from the decode rows' feature column: fp
     * asimd aes pmull sha1 sha2 crc32 atomics asimdrdm jscvt lrcpc dcpop sha3
     * asimddp sha512 ilrcpc flagm sb; dcpodp flagm2 frint */
    ck_assert_uint_eq(hwcap_a64(), 0x2c33b1fb);
    ck_assert_uint_eq(hwcap2_a64(), 0x181);
    const struct cpumodel *t = cpumodel_table;
    for (int k = 0; k < CPUMODEL_COUNT; k++) {
        ck_assert_uint_eq(cpumodel_hwcap_of(&t[k]) & ~hwcap_a64(), 0);
        ck_assert_uint_eq(cpumodel_hwcap2_of(&t[k]) & ~hwcap2_a64(), 0);
        ck_assert_uint_eq(t[k].implementer, 0x41);
    }
    /* fp asimd aes pmull sha1 sha2 crc32 */
    ck_assert_uint_eq(cpumodel_hwcap_of(&t[CPUMODEL_CORTEX_A53]), 0xfb);
    ck_assert_uint_eq(cpumodel_hwcap_of(&t[CPUMODEL_CORTEX_A72]), 0xfb);
    ck_assert_uint_eq(cpumodel_hwcap2_of(&t[CPUMODEL_CORTEX_A53]), 0);
    /* ... atomics asimdrdm lrcpc dcpop asimddp; fphp asimdhp ssbs evtstrm
     * cpuid are real but not implemented */
    ck_assert_uint_eq(cpumodel_hwcap_of(&t[CPUMODEL_NEOVERSE_N1]), 0x1191fb);
    ck_assert(t[CPUMODEL_NEOVERSE_N1].hwcap & HWCAP_A64_SSBS);
    ck_assert_uint_eq(t[CPUMODEL_CORTEX_A53].part, 0xd03);
    ck_assert_uint_eq(t[CPUMODEL_CORTEX_A72].part, 0xd08);
    ck_assert_uint_eq(t[CPUMODEL_NEOVERSE_N1].part, 0xd0c);
    ck_assert_uint_eq(t[CPUMODEL_MAX].part, 0xd47);
    ck_assert_str_eq(cpumodel_feature_name(HWCAP_FEAT_ATOMICS), "atomics");
    ck_assert_str_eq(cpumodel_feature_name(HWCAP_FEAT_FLAGM2), "flagm2");
}
END_TEST

/* under max no op is gated: every feature the decode rows name is implemented */
START_TEST(test_max_gates_nothing)
{
    int gated = 0;
    for (unsigned op = 0; op < OP_COUNT; op++) {
        int f = decode_op_feature(op);
        if (f < 0)
            continue;
        gated++;
        ck_assert_msg(cpumodel_has((unsigned)f), "%s: feature %s not implemented",
                      decode_op_name(op), cpumodel_feature_name((unsigned)f));
    }
    ck_assert_int_ge(gated, 60);
    ck_assert_int_eq(decode_op_feature(OP_ADD_REG), -1);
    /* 8-bit PMULL is AdvSIMD (every model has it), the 1Q form FEAT_PMULL */
    ck_assert_int_eq(decode_op_feature(OP_V_PMULL), HWCAP_FEAT_ASIMD);
    ck_assert_int_eq(decode_op_feature(OP_PMULL_1Q), HWCAP_FEAT_PMULL);
    ck_assert_int_eq(decode_op_feature(OP_DC_CVADP), HWCAP_FEAT_DCPODP);
    ck_assert_uint_eq(tc_op(W_LDADD), OP_LDADD);
    ck_assert_uint_eq(tc_op(W_FJCVTZS), OP_FJCVTZS);
    ck_assert_uint_eq(tc_op(W_DC_CVAP), OP_DC_CVAP);
    ck_assert_uint_eq(tc_op(W_DC_CVADP), OP_DC_CVADP);
    ck_assert_uint_eq(tc_op(W_DC_CVAC), OP_DC_CLEAN);
    ck_assert_uint_eq(tc_op(W_SB), OP_SB);
}
END_TEST

START_TEST(test_gate_a53)
{
    cpumodel_select(CPUMODEL_CORTEX_A53);
    ck_assert_uint_eq(cpumodel_hwcap(), 0xfb);
    ck_assert_uint_eq(tc_op(W_LDADD), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_CASAL), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_LDAPR), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_LDAPUR), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_DC_CVAP), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_SB), OP_UNDEF);
    /* ARMv8.0 with crypto and CRC32 */
    ck_assert_uint_eq(tc_op(W_CRC32B), OP_CRC32);
    ck_assert_uint_eq(tc_op(W_AESE), OP_AESE);
    ck_assert_uint_eq(tc_op(W_DC_CVAC), OP_DC_CLEAN);
    ck_assert_uint_eq(tc_op(W_ADD), OP_ADD_REG);
    /* why a word is undefined, whatever the model */
    ck_assert_int_eq(decode_word_feature(W_LDADD), HWCAP_FEAT_ATOMICS);
    ck_assert_int_eq(decode_word_feature(W_ADD), -1);
    ck_assert_int_eq(decode_word_feature(0), -1);
    cpumodel_select(CPUMODEL_MAX);
}
END_TEST

START_TEST(test_gate_n1)
{
    cpumodel_select(CPUMODEL_NEOVERSE_N1);
    ck_assert_uint_eq(tc_op(W_LDADD), OP_LDADD);
    ck_assert_uint_eq(tc_op(W_CASAL), OP_CAS);
    ck_assert_uint_eq(tc_op(W_LDAPR), OP_LDAPR);
    ck_assert_uint_eq(tc_op(W_DC_CVAP), OP_DC_CVAP);
    /* ARMv8.3/8.4/8.5 features N1 lacks */
    ck_assert_uint_eq(tc_op(W_FJCVTZS), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_LDAPUR), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_DC_CVADP), OP_UNDEF);
    ck_assert_uint_eq(tc_op(W_SB), OP_UNDEF);
    cpumodel_select(CPUMODEL_MAX);
    ck_assert_uint_eq(tc_op(W_SB), OP_SB);
}
END_TEST

START_TEST(test_cpuinfo_per_model)
{
    char *buf = NULL;
    size_t len = 0;
    cpumodel_select(CPUMODEL_CORTEX_A53);
    FILE *f = open_memstream(&buf, &len);
    procfs_cpuinfo_features(f);
    fclose(f);
    ck_assert_str_eq(buf, "Features\t: fp asimd aes pmull sha1 sha2 crc32\n");
    free(buf);
    int ids[] = {0};
    buf = NULL;
    f = open_memstream(&buf, &len);
    procfs_cpuinfo_gen(f, ids, 1);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "CPU variant\t: 0x0\nCPU part\t: 0xd03\nCPU revision\t: 4\n"));
    free(buf);
    cpumodel_select(CPUMODEL_MAX);
}
END_TEST

Suite *suite_cpumodel(void)
{
    Suite *s = suite_create("cpumodel");
    TCase *tc = tcase_create("cpumodel");
    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_max_gates_nothing);
    tcase_add_test(tc, test_gate_a53);
    tcase_add_test(tc, test_gate_n1);
    tcase_add_test(tc, test_cpuinfo_per_model);
    suite_add_tcase(s, tc);
    return s;
}
