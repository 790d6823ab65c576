/* Built into pvm and the unit tests only in a sanitizer build
 * (make SANITIZE=...): the sanitizers' default options, compiled in so they
 * hold even where a test runs pvm with a scrubbed environment (env -i); the
 * ASAN_OPTIONS/UBSAN_OPTIONS/LSAN_OPTIONS/TSAN_OPTIONS variables still
 * override them. docs/testing.md "Sanitizers" and "ThreadSanitizer" give the
 * reason for each. ThreadSanitizer needs no suppressions: the guest's own
 * memory accesses are left uninstrumented instead (core/mem.h
 * MEM_GUEST_ACCESS), so every report is about pvm's own state. */

/* every UBSan finding stops the program with a stack trace (the build also
 * has -fno-sanitize-recover=all) */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
    return "print_stacktrace=1:halt_on_error=1";
}

/* pvm catches SIGSEGV/SIGBUS itself (guest faults, siglongjmp out of the
 * faulting access): ASan must let it replace ASan's own handlers, else pvm's
 * sigaction is ignored and every guest fault is an ASan report (the fault_*
 * and stack_recurse cases of check-cli fail) */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allow_user_segv_handler=1";
}

/* no "Suppressions used" statistics on stderr: the suites compare it */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}

/* A guest may fork while it has several threads and start threads in the
 * child (a shell's pipeline from a threaded program): TSan's default is to
 * end such a child. With die_after_fork=0 the child runs on, TSan ignoring
 * it (after a multi-threaded fork TSan checks nothing in the child). */
const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
    return "die_after_fork=0";
}
