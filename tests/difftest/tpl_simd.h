/* Difftest templates of class simd: Advanced SIMD integer, permute, copy,
 * shift and across-lane forms (ARMv8.0), every valid arrangement, vector and
 * scalar. Included by gen.c. Where a choice must vary independently of the
 * arrangement (shift kind, table list), the first group lists the cross
 * product, since every later group follows the first group's index.
 * "{{}" emits a literal '{' (a one-alternative group) for register lists. */
#define SIMD_ALL "{8b,16b,4h,8h,2s,4s,2d}"
#define SIMD_BHS "{8b,16b,4h,8h,2s,4s}"
#define SIMD_3S(op) op " V." SIMD_BHS ", V." SIMD_BHS ", V." SIMD_BHS
#define SIMD_3A(op) op " V." SIMD_ALL ", V." SIMD_ALL ", V." SIMD_ALL
#define SIMD_3Q(op) SIMD_3A(op), op " {B,H,S,D}, {B,H,S,D}, {B,H,S,D}"
#define SIMD_3D(op) SIMD_3A(op), op " D, D, D"
#define SIMD_3B(op) op " V.{8b,16b}, V.{8b,16b}, V.{8b,16b}"
/* long: Vd wide, Vn/Vm narrow (lower or upper half) */
#define SIMD_L(op) op " V.{8h,4s,2d}, V.{8b,4h,2s}, V.{8b,4h,2s}", \
                   op "2 V.{8h,4s,2d}, V.{16b,8h,4s}, V.{16b,8h,4s}"
#define SIMD_W(op) op " V.{8h,4s,2d}, V.{8h,4s,2d}, V.{8b,4h,2s}", \
                   op "2 V.{8h,4s,2d}, V.{8h,4s,2d}, V.{16b,8h,4s}"
#define SIMD_HN(op) op " V.{8b,4h,2s}, V.{8h,4s,2d}, V.{8h,4s,2d}", \
                    op "2 V.{16b,8h,4s}, V.{8h,4s,2d}, V.{8h,4s,2d}"
#define SIMD_LQ(op) op " V.{4s,2d}, V.{4h,2s}, V.{4h,2s}", op "2 V.{4s,2d}, V.{8h,4s}, V.{8h,4s}", \
                    op " {S,D}, {H,S}, {H,S}"
/* two-register misc */
#define SIMD_2S(op) op " V." SIMD_BHS ", V." SIMD_BHS
#define SIMD_2Q(op) op " V." SIMD_ALL ", V." SIMD_ALL, op " {B,H,S,D}, {B,H,S,D}"
#define SIMD_2Z(op) op " V." SIMD_ALL ", V." SIMD_ALL ", #0", op " D, D, #0"
#define SIMD_2D(op) op " V." SIMD_ALL ", V." SIMD_ALL, op " D, D"
#define SIMD_LP(op) op " V.{4h,8h,2s,4s,1d,2d}, V.{8b,16b,4h,8h,2s,4s}"
#define SIMD_NQ(op) op " V.{8b,4h,2s}, V.{8h,4s,2d}", op "2 V.{16b,8h,4s}, V.{8h,4s,2d}", \
                    op " {B,H,S}, {H,S,D}"
/* across lanes: 32-bit lanes only as 4S */
#define SIMD_AV(op) op " {B,B,H,H,S}, V.{8b,16b,4h,8h,4s}"
/* shift by immediate: right 1..esize, left 0..esize-1 */
#define SIMD_SR "{#p8,#p8,#p16,#p16,#p32,#p32,#p64}"
#define SIMD_SL "{n8,n8,n16,n16,n32,n32,n64}"
#define SIMD_SHR(op) op " V." SIMD_ALL ", V." SIMD_ALL ", " SIMD_SR, op " D, D, #p64"
#define SIMD_SHL(op) op " V." SIMD_ALL ", V." SIMD_ALL ", #" SIMD_SL, op " D, D, #n64"
#define SIMD_SHLQ(op) op " V." SIMD_ALL ", V." SIMD_ALL ", #" SIMD_SL, \
                      op " {B,H,S,D}, {B,H,S,D}, #{#n8,#n16,#n32,#n64}"
#define SIMD_SHRN(op) op " V.{8b,4h,2s}, V.{8h,4s,2d}, {#p8,#p16,#p32}", \
                      op "2 V.{16b,8h,4s}, V.{8h,4s,2d}, {#p8,#p16,#p32}"
#define SIMD_SHRNQ(op) SIMD_SHRN(op), op " {B,H,S}, {H,S,D}, {#p8,#p16,#p32}"
#define SIMD_SHLL(op) op " V.{8h,4s,2d}, V.{8b,4h,2s}, #{#n8,#n16,#n32}", \
                      op "2 V.{8h,4s,2d}, V.{16b,8h,4s}, #{#n8,#n16,#n32}"
/* by element: H-size Rm is v0-v15 (U) */
#define SIMD_EIDX "{U.h[#n8],U.h[#n8],V.s[#n4],V.s[#n4]}"
#define SIMD_E(op) op " V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}, " SIMD_EIDX
#define SIMD_EQ(op) SIMD_E(op), op " {H,S}, {H,S}, {U.h[#n8],V.s[#n4]}"
#define SIMD_EL(op) op " V.{4s,2d}, V.{4h,2s}, {U.h[#n8],V.s[#n4]}", \
                    op "2 V.{4s,2d}, V.{8h,4s}, {U.h[#n8],V.s[#n4]}"
#define SIMD_ELQ(op) SIMD_EL(op), op " {S,D}, {H,S}, {U.h[#n8],V.s[#n4]}"
/* modified immediate: 64-bit byte masks (no placeholder draws them) */
#define SIMD_BYTEMASK "{#0,#0xff,#0xff00ff00ff00ff00,#0xffffffff00000000,#0xff0000000000ff," \
                      "#0x00ffff0000ffff00,#0xffffffffffffffff,#0xff000000000000ff,#0xffff," \
                      "#0xff00000000000000,#0x0000ff00ffff00ff,#0xffffff00ffffff}"
/* TBL/TBX tables: fixed consecutive lists, crossed with the arrangement */
#define SIMD_TARR "{8b,16b,8b,16b,8b,16b,8b,16b}"

static const char *const simd_tpl[] = {
    /* three same */
    SIMD_3S("shadd"), SIMD_3S("uhadd"), SIMD_3S("srhadd"), SIMD_3S("urhadd"), SIMD_3S("shsub"),
    SIMD_3S("uhsub"), SIMD_3Q("sqadd"), SIMD_3Q("uqadd"), SIMD_3Q("sqsub"), SIMD_3Q("uqsub"),
    SIMD_3B("and"), SIMD_3B("bic"), SIMD_3B("orr"), SIMD_3B("orn"), SIMD_3B("eor"), SIMD_3B("bsl"),
    SIMD_3B("bit"), SIMD_3B("bif"), "mov V.{8b,16b}, V.{8b,16b}",
    SIMD_3D("cmgt"), SIMD_3D("cmhi"), SIMD_3D("cmge"), SIMD_3D("cmhs"), SIMD_3D("sshl"),
    SIMD_3D("ushl"), SIMD_3Q("sqshl"), SIMD_3Q("uqshl"), SIMD_3D("srshl"), SIMD_3D("urshl"),
    SIMD_3Q("sqrshl"), SIMD_3Q("uqrshl"), SIMD_3S("smax"), SIMD_3S("umax"), SIMD_3S("smin"),
    SIMD_3S("umin"), SIMD_3S("sabd"), SIMD_3S("uabd"), SIMD_3S("saba"), SIMD_3S("uaba"),
    SIMD_3D("add"), SIMD_3D("sub"), SIMD_3D("cmtst"), SIMD_3D("cmeq"), SIMD_3S("mla"),
    SIMD_3S("mls"), SIMD_3S("mul"), SIMD_3B("pmul"), SIMD_3S("smaxp"), SIMD_3S("umaxp"),
    SIMD_3S("sminp"), SIMD_3S("uminp"), SIMD_3A("addp"),
    "sqdmulh V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}", "sqdmulh {H,S}, {H,S}, {H,S}",
    "sqrdmulh V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}", "sqrdmulh {H,S}, {H,S}, {H,S}",
    /* three different */
    SIMD_L("saddl"), SIMD_L("uaddl"), SIMD_W("saddw"), SIMD_W("uaddw"), SIMD_L("ssubl"),
    SIMD_L("usubl"), SIMD_W("ssubw"), SIMD_W("usubw"), SIMD_HN("addhn"), SIMD_HN("raddhn"),
    SIMD_HN("subhn"), SIMD_HN("rsubhn"), SIMD_L("sabal"), SIMD_L("uabal"), SIMD_L("sabdl"),
    SIMD_L("uabdl"), SIMD_L("smlal"), SIMD_L("umlal"), SIMD_L("smlsl"), SIMD_L("umlsl"),
    SIMD_L("smull"), SIMD_L("umull"), SIMD_LQ("sqdmlal"), SIMD_LQ("sqdmlsl"), SIMD_LQ("sqdmull"),
    "pmull V.8h, V.8b, V.8b", "pmull2 V.8h, V.16b, V.16b",
    /* two-register misc */
    SIMD_2S("rev64"), "rev32 V.{8b,16b,4h,8h}, V.{8b,16b,4h,8h}", "rev16 V.{8b,16b}, V.{8b,16b}",
    SIMD_LP("saddlp"), SIMD_LP("uaddlp"), SIMD_LP("sadalp"), SIMD_LP("uadalp"), SIMD_2Q("suqadd"),
    SIMD_2Q("usqadd"), SIMD_2S("cls"), SIMD_2S("clz"), "cnt V.{8b,16b}, V.{8b,16b}",
    "not V.{8b,16b}, V.{8b,16b}", "mvn V.{8b,16b}, V.{8b,16b}", "rbit V.{8b,16b}, V.{8b,16b}",
    SIMD_2Q("sqabs"), SIMD_2Q("sqneg"), SIMD_2Z("cmgt"), SIMD_2Z("cmeq"), SIMD_2Z("cmlt"),
    SIMD_2Z("cmge"), SIMD_2Z("cmle"), SIMD_2D("abs"), SIMD_2D("neg"),
    "xtn V.{8b,4h,2s}, V.{8h,4s,2d}", "xtn2 V.{16b,8h,4s}, V.{8h,4s,2d}", SIMD_NQ("sqxtun"),
    SIMD_NQ("sqxtn"), SIMD_NQ("uqxtn"), "shll V.{8h,4s,2d}, V.{8b,4h,2s}, {#8,#16,#32}",
    "shll2 V.{8h,4s,2d}, V.{16b,8h,4s}, {#8,#16,#32}",
    /* across lanes, scalar pairwise */
    "saddlv {H,H,S,S,D}, V.{8b,16b,4h,8h,4s}", "uaddlv {H,H,S,S,D}, V.{8b,16b,4h,8h,4s}",
    SIMD_AV("smaxv"), SIMD_AV("umaxv"), SIMD_AV("sminv"), SIMD_AV("uminv"), SIMD_AV("addv"),
    "addp D, V.2d",
    /* copy */
    "dup V." SIMD_ALL ", V.{b,b,h,h,s,s,d}[{#n16,#n16,#n8,#n8,#n4,#n4,#n2}]",
    "dup {B,H,S,D}, V.{b,h,s,d}[{#n16,#n8,#n4,#n2}]", "mov {B,H,S,D}, V.{b,h,s,d}[{#n16,#n8,#n4,#n2}]",
    "dup V." SIMD_BHS ", W", "dup V.2d, X", "smov W, V.{b,h}[{#n16,#n8}]",
    "smov X, V.{b,h,s}[{#n16,#n8,#n4}]", "umov W, V.{b,h,s}[{#n16,#n8,#n4}]", "umov X, V.d[#n2]",
    "mov W, V.s[#n4]", "mov X, V.d[#n2]", "ins V.{b,h,s}[{#n16,#n8,#n4}], W", "ins V.d[#n2], X",
    "mov V.{b,h,s}[{#n16,#n8,#n4}], W", "mov V.d[#n2], X",
    "ins V.{b,h,s,d}[{#n16,#n8,#n4,#n2}], V.{b,h,s,d}[{#n16,#n8,#n4,#n2}]",
    "mov V.{b,h,s,d}[{#n16,#n8,#n4,#n2}], V.{b,h,s,d}[{#n16,#n8,#n4,#n2}]",
    /* modified immediate */
    "movi V.{8b,16b}, #u8", "movi V.{4h,8h,4h,8h}, #u8, lsl {#0,#0,#8,#8}",
    "movi V.{2s,4s,2s,4s,2s,4s,2s,4s}, #u8, lsl {#0,#0,#8,#8,#16,#16,#24,#24}",
    "movi V.{2s,4s,2s,4s}, #u8, msl {#8,#8,#16,#16}", "movi D, " SIMD_BYTEMASK,
    "movi V.2d, " SIMD_BYTEMASK, "mvni V.{4h,8h,4h,8h}, #u8, lsl {#0,#0,#8,#8}",
    "mvni V.{2s,4s,2s,4s,2s,4s,2s,4s}, #u8, lsl {#0,#0,#8,#8,#16,#16,#24,#24}",
    "mvni V.{2s,4s,2s,4s}, #u8, msl {#8,#8,#16,#16}",
    "orr V.{4h,8h,4h,8h}, #u8, lsl {#0,#0,#8,#8}",
    "orr V.{2s,4s,2s,4s,2s,4s,2s,4s}, #u8, lsl {#0,#0,#8,#8,#16,#16,#24,#24}",
    "bic V.{4h,8h,4h,8h}, #u8, lsl {#0,#0,#8,#8}",
    "bic V.{2s,4s,2s,4s,2s,4s,2s,4s}, #u8, lsl {#0,#0,#8,#8,#16,#16,#24,#24}",
    /* shift by immediate */
    SIMD_SHR("sshr"), SIMD_SHR("ushr"), SIMD_SHR("ssra"), SIMD_SHR("usra"), SIMD_SHR("srshr"),
    SIMD_SHR("urshr"), SIMD_SHR("srsra"), SIMD_SHR("ursra"), SIMD_SHR("sri"), SIMD_SHL("shl"),
    SIMD_SHL("sli"), SIMD_SHLQ("sqshlu"), SIMD_SHLQ("sqshl"), SIMD_SHLQ("uqshl"), SIMD_SHRN("shrn"),
    SIMD_SHRN("rshrn"), SIMD_SHRNQ("sqshrun"), SIMD_SHRNQ("sqrshrun"), SIMD_SHRNQ("sqshrn"),
    SIMD_SHRNQ("sqrshrn"), SIMD_SHRNQ("uqshrn"), SIMD_SHRNQ("uqrshrn"), SIMD_SHLL("sshll"),
    SIMD_SHLL("ushll"), "sxtl V.{8h,4s,2d}, V.{8b,4h,2s}", "sxtl2 V.{8h,4s,2d}, V.{16b,8h,4s}",
    "uxtl V.{8h,4s,2d}, V.{8b,4h,2s}", "uxtl2 V.{8h,4s,2d}, V.{16b,8h,4s}",
    /* permutes, extract */
    SIMD_3A("uzp1"), SIMD_3A("uzp2"), SIMD_3A("trn1"), SIMD_3A("trn2"), SIMD_3A("zip1"),
    SIMD_3A("zip2"), "ext V.8b, V.8b, V.8b, #n8", "ext V.16b, V.16b, V.16b, #n16",
    /* table lookup, 1-4 registers; the last lists wrap from v31 to v0 */
    "tbl V." SIMD_TARR ", {{}{v0,v0,v7,v7,v16,v16,v31,v31}.16b}, V." SIMD_TARR,
    "tbx V." SIMD_TARR ", {{}{v0,v0,v7,v7,v16,v16,v31,v31}.16b}, V." SIMD_TARR,
    "tbl V." SIMD_TARR ", {{}{v0.16b-v1.16b,v0.16b-v1.16b,v9.16b-v10.16b,v9.16b-v10.16b,"
    "v22.16b-v23.16b,v22.16b-v23.16b,v30.16b-v31.16b,v30.16b-v31.16b}}, V." SIMD_TARR,
    "tbx V." SIMD_TARR ", {{}{v0.16b-v1.16b,v0.16b-v1.16b,v9.16b-v10.16b,v9.16b-v10.16b,"
    "v22.16b-v23.16b,v22.16b-v23.16b,v30.16b-v31.16b,v30.16b-v31.16b}}, V." SIMD_TARR,
    "tbl V." SIMD_TARR ", {{}{v1.16b-v3.16b,v1.16b-v3.16b,v12.16b-v14.16b,v12.16b-v14.16b,"
    "v20.16b-v22.16b,v20.16b-v22.16b,v29.16b-v31.16b,v29.16b-v31.16b}}, V." SIMD_TARR,
    "tbx V." SIMD_TARR ", {{}{v1.16b-v3.16b,v1.16b-v3.16b,v12.16b-v14.16b,v12.16b-v14.16b,"
    "v20.16b-v22.16b,v20.16b-v22.16b,v29.16b-v31.16b,v29.16b-v31.16b}}, V." SIMD_TARR,
    "tbl V." SIMD_TARR ", {{}{v0.16b-v3.16b,v0.16b-v3.16b,v5.16b-v8.16b,v5.16b-v8.16b,"
    "v18.16b-v21.16b,v18.16b-v21.16b,v28.16b-v31.16b,v28.16b-v31.16b}}, V." SIMD_TARR,
    "tbx V." SIMD_TARR ", {{}{v0.16b-v3.16b,v0.16b-v3.16b,v5.16b-v8.16b,v5.16b-v8.16b,"
    "v18.16b-v21.16b,v18.16b-v21.16b,v28.16b-v31.16b,v28.16b-v31.16b}}, V." SIMD_TARR,
    "tbl V.{8b,16b}, {{}v31.16b, v0.16b}, V.{8b,16b}",
    "tbx V.{8b,16b}, {{}v30.16b, v31.16b, v0.16b}, V.{8b,16b}",
    "tbl V.{8b,16b}, {{}v30.16b, v31.16b, v0.16b, v1.16b}, V.{8b,16b}",
    "tbx V.{8b,16b}, {{}v29.16b, v30.16b, v31.16b, v0.16b}, V.{8b,16b}",
    /* by element */
    SIMD_E("mul"), SIMD_E("mla"), SIMD_E("mls"), SIMD_EL("smull"), SIMD_EL("umull"),
    SIMD_EL("smlal"), SIMD_EL("umlal"), SIMD_EL("smlsl"), SIMD_EL("umlsl"), SIMD_ELQ("sqdmull"),
    SIMD_ELQ("sqdmlal"), SIMD_ELQ("sqdmlsl"), SIMD_EQ("sqdmulh"), SIMD_EQ("sqrdmulh"),
};
#undef SIMD_ALL
#undef SIMD_BHS
