/* The arm64 -> host translations of syscalls/abi_proc.h: mmap prot and
 * flags, mremap/madvise/msync/mlockall, clone classification, wait options,
 * rlimit resources, signal sets and sigaction flags, futex ops, pidfd flags
 * and the base of a pvm's hidden range for a limit; and the
 * guest constants against the values the arm64 uapi headers give. */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>

#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"

START_TEST(test_xlat_prot)
{
    int p = -1;
    ck_assert(xlat_mmap_prot(0, false, &p) && p == 0);
    ck_assert(xlat_mmap_prot(7, false, &p) && p == 7);
    ck_assert(!xlat_mmap_prot(PROT_BTI_A64 | 1, false, &p));
    ck_assert(!xlat_mmap_prot(PROT_MTE_A64, false, &p));
    ck_assert(!xlat_mmap_prot(8, false, &p));
    ck_assert(!xlat_mmap_prot(1ull << 40, false, &p));
    ck_assert(!xlat_mmap_prot(PROT_GROWSDOWN_A64 | 3, false, &p));
    ck_assert(xlat_mprotect_ok(PROT_GROWSDOWN_A64 | 3, &p) && p == 3);
    ck_assert(!xlat_mprotect_ok(PROT_GROWSUP_A64 | 3, &p));
    ck_assert(!xlat_mprotect_ok(PROT_GROWSUP_A64 | PROT_GROWSDOWN_A64, &p));
}
END_TEST

START_TEST(test_xlat_mmap_flags)
{
    int h = -1;
    ck_assert(xlat_mmap_flags(MAP_PRIVATE_A64 | MAP_ANONYMOUS_A64, &h));
    ck_assert_int_eq(h, MAP_PRIVATE | MAP_ANONYMOUS);
    ck_assert(xlat_mmap_flags(MAP_SHARED_A64, &h) && h == MAP_SHARED);
    ck_assert(xlat_mmap_flags(MAP_SHARED_VALIDATE_A64 | MAP_SYNC_A64, &h));
    ck_assert_int_eq(h, MAP_SHARED_VALIDATE | MAP_SYNC);
    /* MAP_SYNC without validation is ignored, as the kernel does */
    ck_assert(xlat_mmap_flags(MAP_SHARED_A64 | MAP_SYNC_A64, &h) && h == MAP_SHARED);
    /* pvm adds MAP_FIXED itself; FIXED/NOREPLACE never reach the host flags */
    ck_assert(xlat_mmap_flags(MAP_PRIVATE_A64 | MAP_FIXED_A64 | MAP_FIXED_NOREPLACE_A64, &h));
    ck_assert_int_eq(h, MAP_PRIVATE);
    ck_assert(xlat_mmap_flags(MAP_PRIVATE_A64 | MAP_NORESERVE_A64 | MAP_POPULATE_A64 |
                                  MAP_LOCKED_A64 | MAP_NONBLOCK_A64,
                              &h));
    ck_assert_int_eq(h, MAP_PRIVATE | MAP_NORESERVE | MAP_POPULATE | MAP_LOCKED | MAP_NONBLOCK);
    /* accepted without host effect */
    ck_assert(xlat_mmap_flags(MAP_PRIVATE_A64 | MAP_STACK_A64 | MAP_GROWSDOWN_A64 |
                                  MAP_DENYWRITE_A64 | MAP_EXECUTABLE_A64,
                              &h));
    ck_assert_int_eq(h, MAP_PRIVATE);
    /* refused: no type, type 4..15, unknown bits, hugetlb */
    ck_assert(!xlat_mmap_flags(MAP_ANONYMOUS_A64, &h));
    ck_assert(!xlat_mmap_flags(0x4 | MAP_ANONYMOUS_A64, &h));
    ck_assert(!xlat_mmap_flags(MAP_PRIVATE_A64 | 0x40, &h));
    ck_assert(!xlat_mmap_flags(MAP_PRIVATE_A64 | 0x80, &h));
    ck_assert(!xlat_mmap_flags(MAP_PRIVATE_A64 | 0x200000, &h));
    ck_assert(!xlat_mmap_flags(MAP_PRIVATE_A64 | MAP_HUGETLB_A64, &h));
    ck_assert(!xlat_mmap_flags(MAP_PRIVATE_A64 | (21ull << 26) | MAP_HUGETLB_A64, &h));
    ck_assert(!xlat_mmap_flags(MAP_PRIVATE_A64 | (1ull << 40), &h));
}
END_TEST

START_TEST(test_xlat_mm_misc)
{
    ck_assert(xlat_mremap_flags(0));
    ck_assert(xlat_mremap_flags(MREMAP_MAYMOVE_A64));
    ck_assert(xlat_mremap_flags(MREMAP_MAYMOVE_A64 | MREMAP_FIXED_A64));
    ck_assert(!xlat_mremap_flags(MREMAP_FIXED_A64));
    ck_assert(!xlat_mremap_flags(MREMAP_MAYMOVE_A64 | MREMAP_DONTUNMAP_A64));
    ck_assert(!xlat_mremap_flags(8));

    ck_assert_int_eq(xlat_madvise(MADV_NORMAL_A64), MADV_K_PASS);
    ck_assert_int_eq(xlat_madvise(MADV_WILLNEED_A64), MADV_K_PASS);
    ck_assert_int_eq(xlat_madvise(MADV_DONTNEED_A64), MADV_K_DISCARD);
    ck_assert_int_eq(xlat_madvise(MADV_FREE_A64), MADV_K_DISCARD);
    ck_assert_int_eq(xlat_madvise(MADV_REMOVE_A64), MADV_K_DISCARD);
    ck_assert_int_eq(xlat_madvise(MADV_DONTFORK_A64), MADV_K_IGNORE);
    ck_assert_int_eq(xlat_madvise(MADV_WIPEONFORK_A64), MADV_K_PASS);
    ck_assert_int_eq(xlat_madvise(MADV_HWPOISON_A64), MADV_K_EPERM);
    ck_assert_int_eq(xlat_madvise(5), MADV_K_INVALID);
    ck_assert_int_eq(xlat_madvise(7), MADV_K_INVALID);
    ck_assert_int_eq(xlat_madvise(26), MADV_K_INVALID);
    ck_assert_int_eq(xlat_madvise(99), MADV_K_INVALID);
    ck_assert_int_eq(xlat_madvise(-1ull), MADV_K_INVALID);
    ck_assert_int_eq(MADV_DONTNEED_A64, MADV_DONTNEED);
    ck_assert_int_eq(MADV_FREE_A64, MADV_FREE);

    int h;
    ck_assert(xlat_msync_flags(MS_SYNC_A64 | MS_INVALIDATE_A64, &h) && h == (MS_SYNC | MS_INVALIDATE));
    ck_assert(xlat_msync_flags(0, &h) && h == 0);
    ck_assert(!xlat_msync_flags(MS_SYNC_A64 | MS_ASYNC_A64, &h));
    ck_assert(!xlat_msync_flags(8, &h));

    ck_assert(xlat_mlockall_flags(MCL_CURRENT_A64));
    ck_assert(xlat_mlockall_flags(MCL_FUTURE_A64 | MCL_ONFAULT_A64));
    ck_assert(!xlat_mlockall_flags(0));
    ck_assert(!xlat_mlockall_flags(MCL_ONFAULT_A64));
    ck_assert(!xlat_mlockall_flags(8));
}
END_TEST

START_TEST(test_xlat_clone)
{
    /* fork (SIGCHLD), glibc fork, vfork/posix_spawn */
    ck_assert_int_eq(xlat_clone_flags(SIGCHLD), CLONE_K_FORK);
    ck_assert_int_eq(xlat_clone_flags(0), CLONE_K_FORK);
    ck_assert_int_eq(xlat_clone_flags(CLONE_CHILD_SETTID_A64 | CLONE_CHILD_CLEARTID_A64 | SIGCHLD),
                     CLONE_K_FORK);
    ck_assert_int_eq(xlat_clone_flags(CLONE_VM_A64 | CLONE_VFORK_A64 | SIGCHLD), CLONE_K_VFORK);
    /* the upper half of the legacy clone flags is ignored */
    ck_assert_int_eq(xlat_clone_flags((1ull << 32) | SIGCHLD), CLONE_K_FORK);
    /* glibc pthread_create */
    uint64_t thr = CLONE_VM_A64 | CLONE_FS_A64 | CLONE_FILES_A64 | CLONE_SIGHAND_A64 |
                   CLONE_THREAD_A64 | CLONE_SYSVSEM_A64 | CLONE_SETTLS_A64 |
                   CLONE_PARENT_SETTID_A64 | CLONE_CHILD_CLEARTID_A64;
    ck_assert_int_eq(xlat_clone_flags(thr), CLONE_K_THREAD);
    /* Go: no CLONE_SETTLS */
    ck_assert_int_eq(xlat_clone_flags(thr & ~(CLONE_SETTLS_A64 | CLONE_PARENT_SETTID_A64 |
                                              CLONE_CHILD_CLEARTID_A64)), CLONE_K_THREAD);
    ck_assert_int_eq(xlat_clone_flags(thr & ~CLONE_FILES_A64), CLONE_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_clone_flags(CLONE_VM_A64 | SIGCHLD), CLONE_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_clone_flags(CLONE_NEWNS_A64 | SIGCHLD), CLONE_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_clone_flags(CLONE_VFORK_A64 | SIGCHLD), CLONE_K_FORK);
    /* refused by the kernel */
    ck_assert_int_eq(xlat_clone_flags(65), CLONE_K_INVALID);
    ck_assert_int_eq(xlat_clone_flags(CLONE_SIGHAND_A64 | SIGCHLD), CLONE_K_INVALID);
    ck_assert_int_eq(xlat_clone_flags(CLONE_VM_A64 | CLONE_THREAD_A64), CLONE_K_INVALID);
    /* CLONE_PIDFD: a fork's or a vfork's, not with CLONE_DETACHED, not a thread's */
    ck_assert_int_eq(xlat_clone_flags(CLONE_PIDFD_A64 | SIGCHLD), CLONE_K_FORK);
    ck_assert_int_eq(xlat_clone_flags(CLONE_PIDFD_A64 | CLONE_VM_A64 | CLONE_VFORK_A64 | SIGCHLD),
                     CLONE_K_VFORK);
    ck_assert_int_eq(xlat_clone_flags(CLONE_PIDFD_A64 | CLONE_DETACHED_A64 | SIGCHLD), CLONE_K_INVALID);
    ck_assert_int_eq(xlat_clone_flags(thr | CLONE_PIDFD_A64), CLONE_K_UNSUPPORTED);
    /* the arm64 values are the generic ones the host uses */
    ck_assert_int_eq(CLONE_VM_A64, CLONE_VM);
    ck_assert_int_eq(CLONE_VFORK_A64, CLONE_VFORK);
    ck_assert_int_eq(CLONE_SETTLS_A64, CLONE_SETTLS);
    ck_assert_int_eq(CLONE_CHILD_SETTID_A64, CLONE_CHILD_SETTID);
    ck_assert_int_eq(CLONE_CHILD_CLEARTID_A64, CLONE_CHILD_CLEARTID);
}
END_TEST

START_TEST(test_xlat_wait)
{
    int h;
    ck_assert(xlat_wait4_options(0, &h) && h == 0);
    ck_assert(xlat_wait4_options(WNOHANG_A64 | WUNTRACED_A64 | WCONTINUED_A64, &h));
    ck_assert_int_eq(h, WNOHANG | WUNTRACED | WCONTINUED);
    ck_assert(xlat_wait4_options(WALL_A64 | WCLONE_A64, &h));
    ck_assert_int_eq(h, (int)(__WALL | __WCLONE));
    /* the upper half of an int argument is ignored */
    ck_assert(xlat_wait4_options(0xdead000000000001ull, &h) && h == WNOHANG);
    ck_assert(!xlat_wait4_options(WEXITED_A64, &h));
    ck_assert(!xlat_wait4_options(WNOWAIT_A64, &h));
    ck_assert(!xlat_wait4_options(0x10, &h));
    ck_assert(xlat_waitid_options(WEXITED_A64 | WNOWAIT_A64 | WNOHANG_A64, &h));
    ck_assert_int_eq(h, WEXITED | WNOWAIT | WNOHANG);
    ck_assert(!xlat_waitid_options(WNOHANG_A64, &h)); /* no event asked for */
    ck_assert(!xlat_waitid_options(WEXITED_A64 | 0x10, &h));
}
END_TEST

START_TEST(test_xlat_pidfd)
{
    unsigned h;
    ck_assert(xlat_pidfd_open_flags(0, &h) && h == 0);
    ck_assert(xlat_pidfd_open_flags(PIDFD_NONBLOCK_A64, &h) && h == O_NONBLOCK);
    ck_assert(xlat_pidfd_open_flags(PIDFD_THREAD_A64 | PIDFD_NONBLOCK_A64, &h) && h == (O_EXCL | O_NONBLOCK));
    ck_assert(xlat_pidfd_open_flags(0xffffffff00000000ull, &h) && h == 0); /* an unsigned int */
    ck_assert(!xlat_pidfd_open_flags(1, &h));
    ck_assert(!xlat_pidfd_open_flags(O_CLOEXEC, &h));
    ck_assert(xlat_pidfd_signal_flags(0, &h) && h == 0);
    ck_assert(xlat_pidfd_signal_flags(PIDFD_SIGNAL_THREAD_A64, &h) && h == 1);
    ck_assert(xlat_pidfd_signal_flags(PIDFD_SIGNAL_PROCESS_GROUP_A64, &h) && h == 4);
    ck_assert(!xlat_pidfd_signal_flags(PIDFD_SIGNAL_THREAD_A64 | PIDFD_SIGNAL_THREAD_GROUP_A64, &h));
    ck_assert(!xlat_pidfd_signal_flags(8, &h));
    /* one numbering scheme of pvm's hidden range: the base a limit gives */
    ck_assert_int_eq(fdtab_base_for_limit(1024 + FDTAB_PVM_ROOM), 1024);
    ck_assert_int_eq(fdtab_base_for_limit(20000), 20000 - FDTAB_PVM_ROOM);
    ck_assert_int_eq(fdtab_base_for_limit(FDTAB_BASE_CAP + FDTAB_PVM_ROOM), FDTAB_BASE_CAP);
    ck_assert_int_eq(fdtab_base_for_limit(1u << 20), FDTAB_BASE_CAP);
    ck_assert_int_eq(fdtab_base_for_limit(~0ull), FDTAB_BASE_CAP);
    ck_assert_int_eq(fdtab_base_for_limit(100), 50);
}
END_TEST

START_TEST(test_xlat_rlimit_sig)
{
    ck_assert_int_eq(xlat_rlimit_resource(RLIMIT_NOFILE_A64), RLIMIT_NOFILE);
    ck_assert_int_eq(xlat_rlimit_resource(RLIMIT_AS_A64), RLIMIT_AS);
    ck_assert_int_eq(xlat_rlimit_resource(3), RLIMIT_STACK);
    ck_assert_int_eq(xlat_rlimit_resource(15), RLIMIT_RTTIME);
    ck_assert_int_eq(xlat_rlimit_resource(16), -1);
    ck_assert_int_eq(xlat_rlimit_resource(-1ull), -1);

    uint64_t all = ~0ull;
    uint64_t h = xlat_sigset_to_host(all);
    ck_assert(!(h & sig_bit_a64(SIGSEGV)));
    ck_assert(!(h & sig_bit_a64(SIGBUS)));
    ck_assert(!(h & sig_bit_a64(SIGKILL)));
    ck_assert(h & sig_bit_a64(SIGINT));
    ck_assert(h & sig_bit_a64(64));
    ck_assert_uint_eq(sig_bit_a64(SIGUSR1), 1u << 9);
    ck_assert_uint_eq(xlat_sa_flags_nohandler(SA_NOCLDSTOP_A64 | SA_RESTART_A64 | SA_SIGINFO_A64),
                      SA_NOCLDSTOP);
    ck_assert_uint_eq(xlat_sa_flags_nohandler(SA_NOCLDWAIT_A64), SA_NOCLDWAIT);
    ck_assert(!(SA_KNOWN_A64 & SA_UNSUPPORTED_A64));
    ck_assert_uint_eq(SA_RESTART_A64, SA_RESTART);
    ck_assert_uint_eq(SA_ONSTACK_A64, SA_ONSTACK);
    ck_assert_uint_eq(SA_RESETHAND_A64, (unsigned)SA_RESETHAND);
    /* asm-generic signal numbers: the host's too */
    ck_assert_int_eq(SIGBUS, 7);
    ck_assert_int_eq(SIGUSR1, 10);
    ck_assert_int_eq(SIGCHLD, 17);
    ck_assert_int_eq(SIGSYS, 31);
}
END_TEST

START_TEST(test_xlat_futex)
{
    int h;
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAIT_A64 | FUTEX_PRIVATE_FLAG_A64, &h), FUTEX_K_WAIT);
    ck_assert_int_eq(h, FUTEX_WAIT_PRIVATE);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAIT_BITSET_A64 | FUTEX_CLOCK_REALTIME_A64, &h), FUTEX_K_WAIT);
    ck_assert_int_eq(h, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAKE_A64, &h), FUTEX_K_WAKE);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAKE_BITSET_A64 | FUTEX_PRIVATE_FLAG_A64, &h), FUTEX_K_WAKE);
    ck_assert_int_eq(xlat_futex_op(FUTEX_CMP_REQUEUE_A64, &h), FUTEX_K_TWO);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAKE_OP_A64 | FUTEX_PRIVATE_FLAG_A64, &h), FUTEX_K_TWO);
    ck_assert_int_eq(h, FUTEX_WAKE_OP_PRIVATE);
    ck_assert_int_eq(xlat_futex_op(FUTEX_LOCK_PI_A64, &h), FUTEX_K_LOCK_PI);
    ck_assert_int_eq(h, FUTEX_LOCK_PI);
    ck_assert_int_eq(xlat_futex_op(FUTEX_LOCK_PI2_A64 | FUTEX_CLOCK_REALTIME_A64, &h), FUTEX_K_LOCK_PI);
    ck_assert_int_eq(h, FUTEX_LOCK_PI2 | FUTEX_CLOCK_REALTIME);
    ck_assert_int_eq(xlat_futex_op(FUTEX_TRYLOCK_PI_A64 | FUTEX_PRIVATE_FLAG_A64, &h), FUTEX_K_PI);
    ck_assert_int_eq(h, FUTEX_TRYLOCK_PI_PRIVATE);
    ck_assert_int_eq(xlat_futex_op(FUTEX_CMP_REQUEUE_PI_A64, &h), FUTEX_K_TWO);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAIT_REQUEUE_PI_A64 | FUTEX_CLOCK_REALTIME_A64, &h),
                     FUTEX_K_WAIT_REQUEUE_PI);
    /* FD, CLOCK_REALTIME where the kernel refuses it, unknown bits: ENOSYS */
    ck_assert_int_eq(xlat_futex_op(FUTEX_FD_A64, &h), FUTEX_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAKE_A64 | FUTEX_CLOCK_REALTIME_A64, &h), FUTEX_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAIT_A64 | FUTEX_CLOCK_REALTIME_A64, &h), FUTEX_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_futex_op(FUTEX_LOCK_PI_A64 | FUTEX_CLOCK_REALTIME_A64, &h), FUTEX_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_futex_op(FUTEX_LOCK_PI2_A64 + 1, &h), FUTEX_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_futex_op(FUTEX_WAIT_A64 | 0x1000, &h), FUTEX_K_UNSUPPORTED);
    ck_assert_int_eq(xlat_futex_op(0x12, &h), FUTEX_K_UNSUPPORTED);
}
END_TEST

/* guest layouts the syscalls copy as a whole */
START_TEST(test_layouts)
{
    ck_assert_uint_eq(offsetof(struct sigaction_a64, flags), 8);
    ck_assert_uint_eq(offsetof(struct sigaction_a64, restorer), 16);
    ck_assert_uint_eq(offsetof(struct sigaction_a64, mask), 24);
    ck_assert_uint_eq(offsetof(struct stack_a64, ss_flags), 8);
    ck_assert_uint_eq(offsetof(struct stack_a64, ss_size), 16);
    ck_assert_uint_eq(sizeof(struct rusage), RUSAGE_SIZE_A64);
    ck_assert_uint_eq(sizeof(siginfo_t), SIGINFO_SIZE_A64);
    ck_assert_uint_eq(sizeof(struct rlimit), 16);
}
END_TEST

Suite *suite_xlat_proc(void)
{
    Suite *s = suite_create("xlat_proc");
    TCase *t = tcase_create("xlat");
    tcase_add_test(t, test_xlat_prot);
    tcase_add_test(t, test_xlat_mmap_flags);
    tcase_add_test(t, test_xlat_mm_misc);
    tcase_add_test(t, test_xlat_clone);
    tcase_add_test(t, test_xlat_wait);
    tcase_add_test(t, test_xlat_pidfd);
    tcase_add_test(t, test_xlat_rlimit_sig);
    tcase_add_test(t, test_xlat_futex);
    tcase_add_test(t, test_layouts);
    suite_add_tcase(s, t);
    return s;
}
