# qemu-aarch64 7.2 has no openat2 (ENOSYS for every call, so the file the
# "creat" case makes is never there and its mode prints as 0). Linux's
# answers below come from the same program built natively for x86-64 and run
# on the host (openat2 is arch-independent: struct open_how, RESOLVE_* and
# the size rules are generic code):
s/^openat2: -1 ENOSYS$/openat2: fd acc=0 dir=0/
s/^openat2 dir: -1 ENOSYS$/openat2 dir: fd acc=0 dir=1/
s/^openat2 rel: -1 ENOSYS$/openat2 rel: fd acc=2 dir=0/
s/^openat2 size 23: -1 ENOSYS$/openat2 size 23: -1 EINVAL/
s/^openat2 size 32: -1 ENOSYS$/openat2 size 32: fd acc=0 dir=0/
s/^openat2 nonzero tail: -1 ENOSYS$/openat2 nonzero tail: -1 E2BIG/
s/^openat2 size 8192: -1 ENOSYS$/openat2 size 8192: -1 E2BIG/
s/^openat2 EFAULT how: -1 ENOSYS$/openat2 EFAULT how: -1 EFAULT/
s/^openat2 EFAULT path: -1 ENOSYS$/openat2 EFAULT path: -1 EFAULT/
s/^openat2 EBADF: -1 ENOSYS$/openat2 EBADF: -1 EBADF/
s/^openat2 mode no creat: -1 ENOSYS$/openat2 mode no creat: -1 EINVAL/
s/^openat2 creat: -1 ENOSYS$/openat2 creat: fd acc=1 dir=0/
s/^new mode 0$/new mode 604/
s/^openat2 creat bad mode: -1 ENOSYS$/openat2 creat bad mode: -1 EINVAL/
s/^openat2 unknown flag: -1 ENOSYS$/openat2 unknown flag: -1 EINVAL/
s/^openat2 unknown flag low: -1 ENOSYS$/openat2 unknown flag low: -1 EINVAL/
s/^openat2 unknown resolve: -1 ENOSYS$/openat2 unknown resolve: -1 EINVAL/
s/^openat2 beneath+in_root: -1 ENOSYS$/openat2 beneath+in_root: -1 EINVAL/
s/^openat2 o_path rdwr: -1 ENOSYS$/openat2 o_path rdwr: -1 EINVAL/
s/^openat2 o_path: -1 ENOSYS$/openat2 o_path: fd acc=0 dir=0/
s/^openat2 dir|creat: -1 ENOSYS$/openat2 dir|creat: -1 EINVAL/
s/^openat2 tmpfile rdonly: -1 ENOSYS$/openat2 tmpfile rdonly: -1 EINVAL/
s/^openat2 tmpfile: -1 ENOSYS$/openat2 tmpfile: fd acc=2 dir=1/
s/^openat2 beneath: -1 ENOSYS$/openat2 beneath: fd acc=0 dir=0/
s/^openat2 beneath dotdot: -1 ENOSYS$/openat2 beneath dotdot: -1 EXDEV/
s/^openat2 beneath abs: -1 ENOSYS$/openat2 beneath abs: -1 EXDEV/
s/^openat2 in_root abs: -1 ENOSYS$/openat2 in_root abs: fd acc=0 dir=0/
s/^openat2 in_root dotdot: -1 ENOSYS$/openat2 in_root dotdot: fd acc=0 dir=0/
s/^openat2 no_symlinks: -1 ENOSYS$/openat2 no_symlinks: -1 ELOOP/
s/^openat2 symlink: -1 ENOSYS$/openat2 symlink: fd acc=0 dir=0/
s/^openat2 nofollow: -1 ENOSYS$/openat2 nofollow: -1 ELOOP/
s/^openat2 exe no_magic: -1 ENOSYS$/openat2 exe no_magic: -1 ELOOP/
s/^openat2 notdir: -1 ENOSYS$/openat2 notdir: -1 ENOTDIR/
