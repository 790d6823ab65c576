# Signal calls around delivery, sourced by tests/cli/run.sh (uses check and
# $pvm $probe $work; the guest is sigmiscprobe, built next to probe from
# tests/cli/sigmiscprobe.c). Every expected line is what the same program
# prints natively on x86-64 (gcc tests/cli/sigmiscprobe.c), except where a
# comment says otherwise.
#  sigmisc_signalfd  signalfd4: a tgkill'd SIGUSR1 read back (SI_TKILL), a
#                    changed mask, SFD_ flags, the kernel's errors; pvm's
#                    hidden descriptor is EBADF, never "not a signalfd"
#  sigmisc_queue     rt_sigqueueinfo/rt_tgsigqueueinfo to itself with SI_QUEUE
#                    and a value, read back through a signalfd; EPERM towards
#                    another process, EFAULT, EINVAL; a SIGSEGV queued with a
#                    fault's code is no fault (sigmisc_queue_segv)
#  sigmisc_timer     timer_create's sigevent checks, a SIGEV_SIGNAL timer's
#                    value and id in the siginfo, timer_settime/gettime and
#                    itimer checks
#  sigmisc_timer_segv  a timer's SIGSEGV is no fault: death by SIGSEGV, silent
#  sigmisc_status    /proc/self/status, thread-self, task/TID: the Sig* lines
#  sigmisc_strace    --strace lines of signalfd4 and rt_sigqueueinfo
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
smprobe=$(dirname "$probe")/sigmiscprobe

# sigmisc_has NAME LINE...: the output of case NAME holds each LINE whole
sigmisc_has() {
    local name=$1 line why=""
    shift
    for line in "$@"; do
        grep -qxF -- "$line" "$work/$name.out" || why="$why; lacks '$line'"
    done
    if [ -z "$why" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL $name lines: ${why#; }"; fi
}

check sigmisc_signalfd 0 "" "" -- "$pvm" "$smprobe" signalfd
sigmisc_has sigmisc_signalfd "create: ok cloexec=1" "read signo=10 code=-6 pid_ok=1" \
    "update same_fd=1" "read2 signo=12" "nonblock: ok" "nonblock empty read: EAGAIN" \
    "bad flags: EINVAL" "bad size: EINVAL" "bad mask: EFAULT" "not a signalfd: EINVAL" \
    "closed fd: EBADF" "limit fd: EBADF"

check sigmisc_queue 0 "" "" -- "$pvm" "$smprobe" queue
sigmisc_has sigmisc_queue "queue: ok" "read signo=33 code=-1 int=5 ptr=5 pid_ok=1" \
    "tgqueue: ok" "read2 signo=33 code=-1 int=7" "kernel code to self: ok" \
    "read3 code=128 int=0" "user code to parent: EPERM" "tkill code to parent: EPERM" \
    "bad info: EFAULT" "bad signal: EINVAL"

# a SIGSEGV queued with a fault's si_code and si_addr is no fault: death by
# SIGSEGV without pvm's fault line
check sigmisc_queue_segv 139 "" "" -- "$pvm" "$smprobe" queue-segv
check sigmisc_queue_segv_silent 0 "" "" -- test ! -s "$work/sigmisc_queue_segv.err"

# SIGEV_THREAD with a valid signal is accepted, as by the kernel (it treats
# it as SIGEV_SIGNAL); timer_settime flags other than TIMER_ABSTIME are
# EINVAL under pvm (the kernel ignores them: "settime flags 2: ok" natively)
check sigmisc_timer 0 "" "" -- "$pvm" "$smprobe" timer
sigmisc_has sigmisc_timer "thread no signal: EINVAL" "thread with signal: ok" "notify 3: EINVAL" \
    "notify 5: EINVAL" "notify 8: EINVAL" "signal 0: EINVAL" "signal 65: EINVAL" "none: ok" \
    "thread id: ok" "thread id 0 signal: EINVAL" "bad sigevent: EFAULT" "bad id pointer: EFAULT" \
    "settime: ok" "timer read signo=12 code=-2 int=4660 ptr=0x1234 tid_ok=1" \
    "settime flags 2: EINVAL" "settime abstime: ok" "settime null: EINVAL" \
    "settime bad new: EFAULT" "settime bad old: EFAULT" "gettime bad: EFAULT" \
    "gettime bad id: EINVAL" "getoverrun: ok" "delete: ok" "delete again: EINVAL" \
    "setitimer bad which: EINVAL" "getitimer bad which: EINVAL" "getitimer bad: EFAULT"

check sigmisc_timer_segv 139 "" "" -- timeout 10 "$pvm" "$smprobe" timer-segv
check sigmisc_timer_segv_silent 0 "" "" -- test ! -s "$work/sigmisc_timer_segv.err"

# The probe blocks SIGUSR1 (raw rt_sigprocmask), ignores SIGPIPE and catches
# SIGUSR2: SigBlk, SigIgn and SigCgt are the guest's (c->sig.blocked and the
# dispositions), the native values. The probe sets every signal but 32 and
# 33 to SIG_DFL first; those two keep what a child of this shell inherits
# (GNU make runs its recipes with them ignored), so SigIgn is that part of
# the inherited set plus SIGPIPE (a runner under nohup ignores SIGHUP too:
# the probe resets it).
sigmisc_inh=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/self/status)
sigmisc_ign=$(printf '%016x' $(( (0x$sigmisc_inh & 0x180000000) | 0x1000 )))
sigmisc_cgt=0000000000000800
check sigmisc_status 0 "" "" -- "$pvm" "$smprobe" status
sigmisc_tid=$(sed -n 's|^/proc/self/task/\([0-9]*\)/status SigBlk .*|\1|p' "$work/sigmisc_status.out")
for sigmisc_p in /proc/self/status /proc/thread-self/status "/proc/self/task/$sigmisc_tid/status"; do
    sigmisc_has sigmisc_status "$sigmisc_p SigPnd 0000000000000000" \
        "$sigmisc_p ShdPnd 0000000000000000" "$sigmisc_p SigBlk 0000000000000200" \
        "$sigmisc_p SigIgn $sigmisc_ign" "$sigmisc_p SigCgt $sigmisc_cgt"
done
# SigQ stays the host's ("queued/limit")
check sigmisc_status_sigq 0 '^/proc/self/status SigQ [0-9]+/[0-9]+$' "" -- cat "$work/sigmisc_status.out"

rm -f "$work/sigmisc_strace.log" "$work/sigmisc_strace_q.log"
check sigmisc_strace 0 "" "" -- "$pvm" --strace -D "$work/sigmisc_strace.log" "$smprobe" signalfd
check sigmisc_strace_create 0 '^signalfd4\(-1, \[USR1\], 8, SFD_CLOEXEC\) = [0-9]+$' "" -- \
    cat "$work/sigmisc_strace.log"
check sigmisc_strace_update 0 '^signalfd4\([0-9]+, \[USR2\], 8, 0\) = [0-9]+$' "" -- \
    cat "$work/sigmisc_strace.log"
check sigmisc_strace_q 0 "" "" -- "$pvm" --strace -D "$work/sigmisc_strace_q.log" "$smprobe" queue
check sigmisc_strace_queue 0 \
    '^rt_sigqueueinfo\([0-9]+, SIGRT_1, \{si_signo=SIGRT_1, si_code=SI_QUEUE, si_pid=[0-9]+, si_uid=[0-9]+, si_int=5, si_ptr=0x5\}\) = 0$' \
    "" -- cat "$work/sigmisc_strace_q.log"
check sigmisc_strace_eperm 0 \
    '^rt_tgsigqueueinfo\([0-9]+, [0-9]+, SIGUSR1, \{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=[0-9]+, si_uid=[0-9]+\}\) = -1 EPERM \(Operation not permitted\)$' \
    "" -- cat "$work/sigmisc_strace_q.log"

# an ignored SIGSEGV and a blocked SIGBUS survive execve, the variable that
# carries them to the next pvm stays out of the guest's environment
check sigmisc_exec_faults 0 '^segv ignored 1, bus blocked 1, env clean$' "" -- \
    "$pvm" "$(dirname "$probe")/sigexecprobe"
# a blocked signal sent to the thread is in SigPnd, one sent to the process
# in ShdPnd (the host's split of pvm's own sets)
check sigmisc_pending_split 0 '^ShdPnd:.0000000000000800$' "" -- \
    "$pvm" "$(dirname "$probe")/sigexecprobe" pending
check sigmisc_pending_thread 0 '^SigPnd:.0000000000000200$' "" -- cat "$work/sigmisc_pending_split.out"
