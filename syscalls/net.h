/* Helpers shared by the socket handlers (syscalls/net.c, net_msg.c): guest
 * socket addresses in and out. An AF_UNIX filesystem name goes through the
 * -L rule (path_lookup) on the way in and loses the prefix on the way out;
 * /proc/<self>/fd/<pvm fd> names do not exist. */
#ifndef PVM_SYSCALLS_NET_H
#define PVM_SYSCALLS_NET_H

#include <stdint.h>
#include <sys/socket.h>

/* Copies the guest address [gaddr, gaddr+glen) into *out (host form) and
 * sets *outlen; -EINVAL for a length the kernel refuses, -EFAULT,
 * -ENAMETOOLONG when the host path does not fit sun_path, -ENOENT. */
/* the socket fd check and the MSG_* conversion every send/recv call starts with */
long net_fd_msg_flags(uint64_t fd, uint64_t gflags, int *flags);

long net_addr_in(uint64_t gaddr, uint64_t glen, struct sockaddr_storage *out, socklen_t *outlen);

/* Before a call that returns an address: reads the guest's buffer length
 * from glenp and checks the buffer (nothing to do when gaddr is 0). */
long net_addr_out_check(uint64_t gaddr, uint64_t glenp, uint32_t *glen);

/* After it: the guest view of host address a (hlen bytes) into gaddr,
 * truncated to glen, and its full length into glenp (as the kernel does). */
long net_addr_out(uint64_t gaddr, uint64_t glenp, uint32_t glen, struct sockaddr_storage *a,
                  socklen_t hlen);

#endif
