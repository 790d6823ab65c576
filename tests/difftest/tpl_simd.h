/* Difftest templates of class simd: Advanced SIMD integer, permute, copy,
 * shift and across-lane forms (ARMv8.0). Included by gen.c. */
static const char *const simd_tpl[] = {
    "add V.{8b,16b,4h,8h,2s,4s,2d}, V.{8b,16b,4h,8h,2s,4s,2d}, V.{8b,16b,4h,8h,2s,4s,2d}",
};
