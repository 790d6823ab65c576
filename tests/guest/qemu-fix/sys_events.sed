# qemu-aarch64 7.2 has no epoll_pwait2 (ENOSYS); Linux (>= 5.11) answers as
# epoll_pwait with a timespec timeout: the kernel's results are written in.
s/^\(epoll_pwait2 20ms, nothing ready: *\)-1 ENOSYS$/\10/
s/^\(epoll_pwait2 no timeout, ready: *\)-1 ENOSYS$/\11 [66]/
s/^\(epoll_pwait2 bad timespec: *\)-1 ENOSYS$/\1-1 EINVAL/
