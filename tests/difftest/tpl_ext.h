/* Difftest templates of classes ext (integer extensions after ARMv8.0: RDM,
 * DotProd, FlagM) and extfp (JSCVT, FRINTTS). Included by gen.c; the oracle
 * runs with -cpu max. */
static const char *const ext_tpl[] = {
    "cfinv",
};
static const char *const extfp_tpl[] = {
    "fcvtzs W, D",
};
