/* Difftest templates of class simdfp: Advanced SIMD floating point (vector
 * and scalar SIMD forms, ARMv8.0). Included by gen.c. */
static const char *const simdfp_tpl[] = {
    "fadd V.{2s,4s,2d}, V.{2s,4s,2d}, V.{2s,4s,2d}",
};
