# Futex cases of the command-line suite, sourced by tests/cli/run.sh (uses
# check and $pvm $probe $work; the guest is futexprobe, built next to probe
# from tests/cli/futexprobe.c). Every expected output is what the same
# program prints natively on x86-64 (gcc tests/cli/futexprobe.c, Linux
# 6.18): the answers compared are the kernel's and architecture-independent
# (asm-generic ops and errnos; the pointers are aligned or not, mapped or
# not, the same way on both).
#  futex_errors  bad ops (ENOSYS), CLOCK_REALTIME where do_futex refuses it,
#                pointers (misaligned EINVAL, unmapped or null EFAULT, and a
#                private wake of an unmapped word, 0), timeouts (checked
#                before anything else: EINVAL/EFAULT), bitsets, requeue
#                counts and the words in the kernel's order, the PI checks
#  futex_wait    a mismatching value (EAGAIN), 20 ms waits (relative,
#                absolute on both clocks: ETIMEDOUT, about 20 ms), wakes
#                without waiters (0)
#  futex_ops     WAKE_OP changing the second word (and its ENOSYS forms),
#                the requeues, WAKE_BITSET
#  futex_pi      TRYLOCK/LOCK/LOCK_PI2/UNLOCK_PI: free words take the tid,
#                own locks EDEADLK, a dead owner ESRCH, OWNER_DIED taken
#                over, a live owner (a forked child, shared word) makes the
#                timed locks time out and leaves FUTEX_WAITERS
#  futex_waitv   futex_waitv's checks in the kernel's order, mismatches,
#                timeouts on both clocks
#  futex_shared  a forked child's WAIT on a MAP_SHARED word woken by the
#                parent; a private wake does not reach it
#  futex_intr    waits a SIGALRM handler interrupts: a timed WAIT's restart
#                block (EINTR even with SA_RESTART), an untimed WAIT and
#                futex_waitv (ERESTARTSYS: EINTR, or a restart that waits to
#                the same deadline), LOCK_PI (ERESTARTNOINTR: restarted, then
#                times out)
#  futex_strace  --strace lines as strace 6.1 prints the same calls
#                natively (addresses as ADDR; pvm's split lines of blocking
#                calls joined)
# Robust lists need guest threads to exit: tests/unit/test_futex.c walks
# them directly.
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
fxprobe=$(dirname "$probe")/futexprobe

# futex_same NAME FILE: FILE (the case's output, normalised) is exactly the
# expected text on stdin
futex_same() {
    local name=$1 got=$2
    if diff -u - "$got" > "$work/$name.diff"; then passed=$((passed + 1)); else
        failed=$((failed + 1))
        echo "FAIL $name output:"
        sed 's/^/    /' "$work/$name.diff" | head -40
    fi
}

check futex_errors 0 "" "" -- timeout 20 "$pvm" "$fxprobe" errors
futex_same futex_errors "$work/futex_errors.out" <<'EOF'
op 14: ENOSYS
op 127: ENOSYS
op fd: ENOSYS
op wake|0x1000: ENOSYS
op wake|0x100000000: 0
wake realtime: ENOSYS
wait realtime: ENOSYS
wait realtime bad timeout: EINVAL
lock_pi realtime: ENOSYS
trylock_pi realtime: ENOSYS
cmp_requeue realtime: ENOSYS
wait misaligned: EINVAL
wait misaligned 2: EINVAL
wait null: EFAULT
wait unmapped: EFAULT
wait beyond: EFAULT
wait shared unmapped: EFAULT
wake misaligned: EINVAL
wake private unmapped: 0
wake shared unmapped: EFAULT
wake garbage timeout: 0
wait bad nsec: EINVAL
wait negative nsec: EINVAL
wait negative sec: EINVAL
wait timeout unmapped: EFAULT
wait timeout unmapped, word misaligned: EFAULT
wait bad nsec, word unmapped: EINVAL
wait_bitset bad nsec: EINVAL
lock_pi bad nsec: EINVAL
lock_pi2 negative sec: EINVAL
wait_requeue_pi bad nsec: EINVAL
op 14 bad timeout: ENOSYS
wait_bitset bitset 0: EINVAL
wait_bitset bitset 0, word unmapped: EINVAL
wake_bitset bitset 0: EINVAL
wake_bitset bitset 0, word misaligned: EINVAL
wait bitset 0 ignored: EAGAIN
requeue nr_wake -1: EINVAL
requeue nr_requeue -1: EINVAL
requeue nr_requeue -1, words bad: EINVAL
requeue val2 high bits: 0
requeue uaddr2 misaligned: EINVAL
requeue uaddr2 null: 0
requeue uaddr2 private unmapped: 0
requeue uaddr2 shared unmapped: EFAULT
requeue uaddr null, uaddr2 misaligned: EINVAL
cmp_requeue mismatch: EAGAIN
cmp_requeue uaddr unmapped: EFAULT
cmp_requeue_pi nr_wake 2: EINVAL
cmp_requeue_pi nr_wake 0: EINVAL
cmp_requeue_pi same word: EINVAL
cmp_requeue_pi nr_wake 2, word null: EINVAL
cmp_requeue_pi mismatch: EAGAIN
wait_requeue_pi same word: EINVAL
wait_requeue_pi same word, misaligned: EINVAL
wait_requeue_pi mismatch: EAGAIN
wait_requeue_pi uaddr2 misaligned: EINVAL
wait_requeue_pi uaddr2 null, uaddr misaligned: EINVAL
wait_requeue_pi uaddr misaligned: EINVAL
wake_op uaddr2 misaligned: EINVAL
wake_op uaddr2 unmapped: EFAULT
wake_op uaddr2 null: EFAULT
wake_op uaddr misaligned, uaddr2 null: EINVAL
wake_op negative counts: 0
unlock_pi free: EPERM
unlock_pi misaligned, not the owner: EPERM
unlock_pi misaligned, the owner: EINVAL
unlock_pi unmapped: EFAULT
unlock_pi null: EFAULT
trylock_pi misaligned: EINVAL
trylock_pi null: EFAULT
lock_pi misaligned: EINVAL
lock_pi unmapped: EFAULT
EOF

check futex_wait 0 "" "" -- timeout 20 "$pvm" "$fxprobe" wait
futex_same futex_wait "$work/futex_wait.out" <<'EOF'
wait mismatch: EAGAIN
wait shared mismatch: EAGAIN
wait_bitset mismatch: EAGAIN
wait 20ms: ETIMEDOUT time ok
wait shared 20ms: ETIMEDOUT time ok
wait zero timeout: ETIMEDOUT
wait_bitset monotonic 20ms: ETIMEDOUT time ok
wait_bitset realtime 20ms: ETIMEDOUT time ok
wait_bitset past: ETIMEDOUT
wake no waiters: 0
wake shared no waiters: 0
wake_bitset no waiters: 0
EOF

check futex_ops 0 "" "" -- timeout 20 "$pvm" "$fxprobe" ops
futex_same futex_ops "$work/futex_ops.out" <<'EOF'
wake_op set 5: 0
word2 5
wake_op add 1<<3: 0
word2 13
wake_op andn 1: 0
word2 12
wake_op xor 0xff: 0
word2 243
wake_op bad cmp: ENOSYS
word2 7
wake_op bad op: ENOSYS
word2 7
requeue: 0
requeue shared: 0
cmp_requeue match: 0
cmp_requeue mismatch: EAGAIN
cmp_requeue_pi match: 0
wake_bitset: 0
EOF

check futex_pi 0 "" "" -- timeout 20 "$pvm" "$fxprobe" pi
futex_same futex_pi "$work/futex_pi.out" <<'EOF'
trylock_pi free: 0
word self
trylock_pi own: EDEADLK
lock_pi own: EDEADLK
unlock_pi: 0
word free
unlock_pi free: EPERM
lock_pi free: 0
word self
unlock_pi shared: 0
lock_pi2 realtime free: 0
word self
unlock_pi: 0
lock_pi dead owner: ESRCH
trylock_pi dead owner: ESRCH
lock_pi owner died: 0
word OWNER_DIED|self
unlock_pi: 0
trylock_pi other: EAGAIN
lock_pi other 20ms: ETIMEDOUT time ok
word other|WAITERS
lock_pi2 other 20ms: ETIMEDOUT time ok
lock_pi2 realtime other 20ms: ETIMEDOUT time ok
unlock_pi other's: EPERM
EOF

check futex_waitv 0 "" "" -- timeout 20 "$pvm" "$fxprobe" waitv
futex_same futex_waitv "$work/futex_waitv.out" <<'EOF'
waitv mismatch: EAGAIN
waitv second mismatch: EAGAIN
waitv monotonic 20ms: ETIMEDOUT time ok
waitv realtime 20ms: ETIMEDOUT time ok
waitv past: ETIMEDOUT
waitv flags 1: EINVAL
waitv nr 0: EINVAL
waitv nr 128: ETIMEDOUT
waitv nr 129: EINVAL
waitv null: EINVAL
waitv boottime: EINVAL
waitv boottime untimed: EAGAIN
waitv bad nsec: EINVAL
waitv timeout unmapped: EFAULT
waitv bad clock, timeout unmapped: EINVAL
waitv array unmapped: EFAULT
waitv size u64: EINVAL
waitv size u8: EINVAL
waitv no size: EINVAL
waitv flag 0x100: EINVAL
waitv reserved: EINVAL
waitv val above 32 bits: EINVAL
waitv misaligned: EINVAL
waitv unmapped: EFAULT
waitv beyond: EFAULT
waitv null word: EFAULT
waitv unmapped, then misaligned: EINVAL
waitv misaligned, then bad flags: EINVAL
waitv bad flags, then unreadable: EINVAL
waitv unreadable second entry: EFAULT
EOF

check futex_shared 0 "" "" -- timeout 20 "$pvm" "$fxprobe" shared
futex_same futex_shared "$work/futex_shared.out" <<'EOF'
shared wake: 1, child 0
private wake across processes: 0, child 1
EOF

check futex_intr 0 "" "" -- timeout 20 "$pvm" "$fxprobe" intr
futex_same futex_intr "$work/futex_intr.out" <<'EOF'
wait 300ms, SA_RESTART, handler 1: EINTR time ok
wait untimed, handler 1: EINTR time ok
waitv 300ms, handler 1: EINTR time ok
waitv 300ms, SA_RESTART, handler 1: ETIMEDOUT time ok
lock_pi 300ms, handler 1: ETIMEDOUT time ok
EOF

check futex_strace 0 "" "" -- timeout 20 "$pvm" --strace "$fxprobe" strace
sed -e ':a' -e '/ <unfinished \.\.\.>$/{N;s/ <unfinished \.\.\.>\n<\.\.\. [a-z_]* resumed>//;ba}' \
    "$work/futex_strace.err" | grep '^futex' | sed 's/0x[0-9a-f]\{8,\}/ADDR/g' > "$work/futex_strace.lines"
futex_same futex_strace "$work/futex_strace.lines" <<'EOF'
futex(ADDR, FUTEX_WAIT_PRIVATE, 2, NULL) = -1 EAGAIN (Resource temporarily unavailable)
futex(ADDR, FUTEX_WAIT, 2, {tv_sec=0, tv_nsec=1000}) = -1 EAGAIN (Resource temporarily unavailable)
futex(ADDR, FUTEX_WAKE_PRIVATE, 1) = 0
futex(ADDR, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 2, {tv_sec=1, tv_nsec=2}, FUTEX_BITSET_MATCH_ANY) = -1 EAGAIN (Resource temporarily unavailable)
futex(ADDR, FUTEX_WAIT_BITSET, 2, NULL, 0x10) = -1 EAGAIN (Resource temporarily unavailable)
futex(ADDR, FUTEX_WAKE_BITSET_PRIVATE, 1, 0x3) = 0
futex(ADDR, FUTEX_REQUEUE_PRIVATE, 1, 2, ADDR) = 0
futex(ADDR, FUTEX_CMP_REQUEUE, 1, 2, ADDR, 7) = -1 EAGAIN (Resource temporarily unavailable)
futex(ADDR, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, 2, ADDR, 4294967295) = -1 EAGAIN (Resource temporarily unavailable)
futex(ADDR, FUTEX_WAKE_OP_PRIVATE, 1, 1, ADDR, FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1) = 0
futex(ADDR, FUTEX_WAKE_OP, 1, 1, ADDR, FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_ADD<<28|0x3<<12|FUTEX_OP_CMP_GE<<24|0xfff) = 0
futex(ADDR, FUTEX_WAKE_OP_PRIVATE, 1, 1, ADDR, 0x7<<28 /* FUTEX_OP_??? */|0x10<<12|0x9<<24 /* FUTEX_OP_CMP_??? */|0x2) = -1 ENOSYS (Function not implemented)
futex(ADDR, FUTEX_TRYLOCK_PI_PRIVATE) = 0
futex(ADDR, FUTEX_UNLOCK_PI_PRIVATE) = 0
futex(ADDR, FUTEX_LOCK_PI, NULL) = 0
futex(ADDR, FUTEX_UNLOCK_PI) = 0
futex(ADDR, FUTEX_LOCK_PI2_PRIVATE, {tv_sec=1, tv_nsec=2}) = 0
futex(ADDR, FUTEX_UNLOCK_PI_PRIVATE) = 0
futex(ADDR, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 2, {tv_sec=1, tv_nsec=2}, ADDR) = -1 EAGAIN (Resource temporarily unavailable)
futex(ADDR, FUTEX_FD, 3) = -1 ENOSYS (Function not implemented)
futex(ADDR, 0xe /* FUTEX_??? */, 3, 0x10, ADDR, 0x20) = -1 ENOSYS (Function not implemented)
futex(ADDR, 0x1001 /* FUTEX_??? */, 1) = -1 ENOSYS (Function not implemented)
futex_waitv([{val=0x9, uaddr=ADDR, flags=FUTEX_32}], 1, 0, NULL, CLOCK_REALTIME) = -1 EAGAIN (Resource temporarily unavailable)
futex_waitv([{val=0x9, uaddr=ADDR, flags=FUTEX_32}], 1, 0, {tv_sec=1, tv_nsec=2}, CLOCK_REALTIME) = -1 EAGAIN (Resource temporarily unavailable)
EOF
