/* pvm_safe_syscall(flag, nr, a1, a2, a3, a4, a5, a6): a host system call
 * that a signal taken for the guest can never slip past. The host signal
 * handler (signals/host.c) sets *flag when it takes a signal for the guest;
 * if it interrupts this stub anywhere from safe_syscall_start up to and
 * including the syscall instruction (the call has not started), it moves the
 * pc to safe_syscall_restart, which returns -ERESTARTNOINTR (-513): the
 * caller restarts the guest's call after the signal is delivered. A signal
 * arriving once the call is inside the kernel interrupts it (pvm's host
 * handlers have no SA_RESTART) and the kernel's -EINTR comes back here.
 * Returns the raw kernel result: a value or -errno; errno is not touched. */
    .text
    .globl pvm_safe_syscall
    .globl pvm_safe_syscall_start
    .globl pvm_safe_syscall_end
    .globl pvm_safe_syscall_restart
    .type pvm_safe_syscall, @function
pvm_safe_syscall:
    .cfi_startproc
    mov %rdi, %r11          /* flag */
    mov %rsi, %rax          /* number */
    mov %rdx, %rdi
    mov %rcx, %rsi
    mov %r8, %rdx
    mov %r9, %r10
    mov 8(%rsp), %r8
    mov 16(%rsp), %r9
pvm_safe_syscall_start:
    cmpl $0, (%r11)
    jne pvm_safe_syscall_restart
    syscall
pvm_safe_syscall_end:
    ret
pvm_safe_syscall_restart:
    mov $-513, %rax
    ret
    .cfi_endproc
    .size pvm_safe_syscall, .-pvm_safe_syscall
    .section .note.GNU-stack,"",@progbits
