# qemu-aarch64 7.2 emulates only /proc/self/{maps,stat,auxv,cmdline,exe} (and
# /proc/<pid>/ of itself); everything else is the host's file about qemu.
# The kernel's answers:
# - /proc/thread-self/maps: qemu passes the host's (x86-64 qemu mappings,
#   no guest [stack]); Linux lists the guest's stack as [stack]
s/^\(\/proc\/thread-self\/maps lists stack: \)no$/\1yes/
# - /proc/self/smaps: qemu passes the host's (code mapped r--, qemu's own
#   mappings); Linux shows the code block with Size and VmFlags rd ex, one
#   block per maps line
s/^\(smaps code block: \)no$/\1yes/
s/^\(smaps one block per mapping: \)no$/\1yes/
# - comm and status Name: qemu shows the host's "qemu-aarch64"; Linux the
#   basename of the executed file
s/^\(comm: \)qemu-aarch64$/\1sys_proc/
s/^\(status Name: \)qemu-aarch64$/\1sys_proc/
# - stat field 3: qemu prints 0 for the state; Linux R (running)
s/^\(stat pid ppid state: yes yes \)no$/\1yes/
# - /proc/cpuinfo: qemu passes the host's x86 file; Linux arm64 has a
#   "Features" line with the AT_HWCAP/AT_HWCAP2 names per CPU and
#   "CPU architecture: 8"
s/^\(cpuinfo Features line per cpu: \)no$/\1yes/
s/^\(cpuinfo Features = AT_HWCAP names: \)no$/\1yes/
s/^\(cpuinfo CPU architecture: 8: \)no$/\1yes/
# - the brk area (glibc's main arena): qemu 7.2 does not label it; Linux
#   names it [heap]
s/^\(malloc(32)     rw-p \)(anon)$/\1[heap]/
