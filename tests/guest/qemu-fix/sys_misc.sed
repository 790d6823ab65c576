# qemu-aarch64 7.2 gets these wrong; Linux's answers (checked with the same
# program built natively for x86-64 on the host, whose kernel shares the
# generic code paths):
# - an ioctl request it does not know gives ENOSYS; Linux gives ENOTTY;
s/^\(unknown ioctl\( 2\)\?: \)ENOSYS$/\1ENOTTY/
# - prctl PR_SET/GET_CHILD_SUBREAPER, PR_GET_SECCOMP and PR_SET/GET_THP_DISABLE
#   are not implemented (EINVAL); Linux supports them;
s/^\(PR_SET_CHILD_SUBREAPER: \)EINVAL$/\1ok/
s/^\(PR_GET_CHILD_SUBREAPER: \)EINVAL -1$/\1ok 1/
s/^\(PR_GET_SECCOMP >= 0: \)0$/\11/
s/^\(PR_SET_THP_DISABLE: \)EINVAL$/\1ok/
s/^\(PR_GET_THP_DISABLE: \)-1$/\11/
# - mlock2 is missing (ENOSYS); Linux (>= 4.4) has it: MLOCK_ONFAULT works and
#   an unknown flag is EINVAL.
s/^\(mlock2 ONFAULT: \)ENOSYS$/\1ok/
s/^\(mlock2 bad flags: \)ENOSYS$/\1EINVAL/
