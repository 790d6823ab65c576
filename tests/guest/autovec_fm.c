/* autovec.c built with -O3 -ffast-math (see module.mk): the same kernels
 * with reassociated FP reductions, finite-math selects and FPCR.FZ set at
 * startup by crtfastmath.o. */
#include "autovec.c"
