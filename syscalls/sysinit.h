/* Process set-up for the syscall layer, before the guest starts: moves pvm's
 * own descriptors out of the guest's range and keeps the hidden copy of
 * stderr that pvm's messages go to (core/log.h). */
#ifndef PVM_SYSCALLS_SYSINIT_H
#define PVM_SYSCALLS_SYSINIT_H
void sysinit_process(void);
#endif
