/* mem_safe_copy(dst, src, n): memcpy that survives a host fault. pvm copies
 * guest memory for system calls only after its page table says the pages
 * are readable/writable, but the host can still fault there (a file mapping
 * past the end of its file gives SIGBUS). A host fault whose pc lies in
 * [mem_safe_copy_start, mem_safe_copy_end) is resumed at
 * mem_safe_copy_fault by pvm's fault handler (signals/), which returns the
 * bytes not copied; 0 means all were copied. No other pvm code may fault on
 * guest memory: any other host fault is an internal error. */
    .text
    .globl mem_safe_copy
    .globl mem_safe_copy_start
    .globl mem_safe_copy_end
    .globl mem_safe_copy_fault
    .type mem_safe_copy, @function
mem_safe_copy:
    .cfi_startproc
    mov %rdx, %rcx
mem_safe_copy_start:
    rep movsb
mem_safe_copy_end:
    xor %eax, %eax
    ret
mem_safe_copy_fault:
    mov %rcx, %rax
    ret
    .cfi_endproc
    .size mem_safe_copy, .-mem_safe_copy
    .section .note.GNU-stack,"",@progbits
