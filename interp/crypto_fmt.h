/* Field extraction for the cryptographic extension rows (interp/crypto.def). */
#ifndef PVM_INTERP_CRYPTO_FMT_H
#define PVM_INTERP_CRYPTO_FMT_H
#include "interp/fmt_common.h"
#endif
