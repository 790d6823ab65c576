/* placeholder */
#include "syscalls/sysinit.h"
void sysinit_process(void) {}
