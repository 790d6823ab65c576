/* The process-wide guest facts (see process.h). */
#include "core/process.h"

struct guest_proc gproc;
