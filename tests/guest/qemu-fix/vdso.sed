# qemu-aarch64 7.2 maps no vDSO for aarch64 (AT_SYSINFO_EHDR is absent; it
# came in qemu 8.1), so every fact about it reads "no". Linux maps one with
# these symbols and this behaviour, so the kernel's answer is "yes" on every
# line (the unwinding lines through libgcc's fallback, which recognises the
# trampoline's two instructions, since Linux's vDSO has no CFI there).
s/: no$/: yes/
