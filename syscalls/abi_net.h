/* arm64 ABI facts for the socket system calls (from /usr/aarch64-linux-gnu/
 * include/asm-generic/socket.h, linux/socket.h, bits/socket*.h). Both arm64
 * and x86-64 use the asm-generic socket option numbers, the same SOCK_* and
 * MSG_* values and LP64 layouts of msghdr/iovec/cmsghdr/mmsghdr/linger/
 * timeval/ucred/sockaddr_*; the _Static_asserts below pin every one of those
 * facts, so the conversions in syscalls/net*.c are whitelists (which option,
 * which control message, which flag bit) plus guest-pointer rewriting. */
#ifndef PVM_SYSCALLS_ABI_NET_H
#define PVM_SYSCALLS_ABI_NET_H

#include <errno.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

/* ---- families, types, flags ---- */

#define AF_UNSPEC_A64 0
#define AF_UNIX_A64 1
#define AF_INET_A64 2
#define AF_INET6_A64 10
#define AF_NETLINK_A64 16
#define AF_PACKET_A64 17
#define AF_BLUETOOTH_A64 31
#define AF_ALG_A64 38
#define AF_VSOCK_A64 40

/* protocol numbers (socket's third argument for AF_INET/AF_INET6) */
#define IPPROTO_IP_A64 0
#define IPPROTO_ICMP_A64 1
#define IPPROTO_TCP_A64 6
#define IPPROTO_UDP_A64 17
#define IPPROTO_IPV6_A64 41
#define IPPROTO_ICMPV6_A64 58
#define IPPROTO_SCTP_A64 132
#define IPPROTO_UDPLITE_A64 136
#define IPPROTO_RAW_A64 255

#define SOCK_STREAM_A64 1
#define SOCK_DGRAM_A64 2
#define SOCK_RAW_A64 3
#define SOCK_RDM_A64 4
#define SOCK_SEQPACKET_A64 5
#define SOCK_TYPE_MASK_A64 0xf
#define SOCK_NONBLOCK_A64 04000     /* = O_NONBLOCK (asm-generic) */
#define SOCK_CLOEXEC_A64 02000000   /* = O_CLOEXEC */

#define NETLINK_ROUTE_A64 0
#define NETLINK_SOCK_DIAG_A64 4
#define NETLINK_KOBJECT_UEVENT_A64 15

_Static_assert(AF_UNIX == AF_UNIX_A64 && AF_INET == AF_INET_A64 && AF_INET6 == AF_INET6_A64 &&
                   AF_NETLINK == AF_NETLINK_A64,
               "address family numbers");
_Static_assert(SOCK_STREAM == SOCK_STREAM_A64 && SOCK_DGRAM == SOCK_DGRAM_A64 &&
                   SOCK_RAW == SOCK_RAW_A64 && SOCK_RDM == SOCK_RDM_A64 &&
                   SOCK_SEQPACKET == SOCK_SEQPACKET_A64 && SOCK_NONBLOCK == SOCK_NONBLOCK_A64 &&
                   SOCK_CLOEXEC == SOCK_CLOEXEC_A64,
               "socket types and type flags (x86-64 has no override of asm-generic)");
_Static_assert(NETLINK_ROUTE == NETLINK_ROUTE_A64 && NETLINK_SOCK_DIAG == NETLINK_SOCK_DIAG_A64 &&
                   NETLINK_KOBJECT_UEVENT == NETLINK_KOBJECT_UEVENT_A64,
               "netlink protocols");

/* ---- MSG_* flags (linux/socket.h: generic, identical on both) ---- */

#define MSG_CMSG_COMPAT_A64 0x80000000u /* kernel-internal: EINVAL from user */
#define MSG_KNOWN_A64                                                                       \
    (0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800 | \
     0x1000 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x40000 | 0x4000000 | 0x20000000 |          \
     0x40000000)
_Static_assert(MSG_OOB == 1 && MSG_PEEK == 2 && MSG_DONTROUTE == 4 && MSG_CTRUNC == 8 &&
                   MSG_PROXY == 0x10 && MSG_TRUNC == 0x20 && MSG_DONTWAIT == 0x40 &&
                   MSG_EOR == 0x80 && MSG_WAITALL == 0x100 && MSG_FIN == 0x200 &&
                   MSG_SYN == 0x400 && MSG_CONFIRM == 0x800 && MSG_RST == 0x1000 &&
                   MSG_ERRQUEUE == 0x2000 && MSG_NOSIGNAL == 0x4000 && MSG_MORE == 0x8000 &&
                   MSG_WAITFORONE == 0x10000 && MSG_BATCH == 0x40000 &&
                   MSG_ZEROCOPY == 0x4000000 && MSG_FASTOPEN == 0x20000000 &&
                   MSG_CMSG_CLOEXEC == 0x40000000,
               "MSG_* flags");

/* Guest MSG_* flags checked: -EINVAL for bits Linux does not define for
 * user space (the kernel would ignore most of them silently). */
static inline long xlat_msg_flags_g2h(uint64_t g, int *host)
{
    if (g & ~(uint64_t)MSG_KNOWN_A64)
        return -EINVAL;
    *host = (int)g;
    return 0;
}

/* ---- levels and SOL_SOCKET options (asm-generic/socket.h) ---- */

#define SOL_SOCKET_A64 1
#define SOL_IP_A64 0
#define SOL_TCP_A64 6
#define SOL_UDP_A64 17
#define SOL_IPV6_A64 41
#define SOL_ICMPV6_A64 58
#define SOL_RAW_A64 255
#define SOL_NETLINK_A64 270

#define SO_REUSEADDR_A64 2
#define SO_TYPE_A64 3
#define SO_ERROR_A64 4
#define SO_SNDBUF_A64 7
#define SO_RCVBUF_A64 8
#define SO_LINGER_A64 13
#define SO_PASSCRED_A64 16
#define SO_PEERCRED_A64 17
#define SO_RCVTIMEO_OLD_A64 20
#define SO_SNDTIMEO_OLD_A64 21
#define SO_ATTACH_FILTER_A64 26 /* struct sock_fprog: holds a pointer */
#define SO_PEERNAME_A64 28
#define SO_DOMAIN_A64 39
#define SO_ATTACH_BPF_A64 50            /* takes an fd: refused */
#define SO_ATTACH_REUSEPORT_CBPF_A64 51 /* pointer: refused */
#define SO_ATTACH_REUSEPORT_EBPF_A64 52 /* fd: refused */
#define SO_RCVTIMEO_NEW_A64 66
#define SO_SNDTIMEO_NEW_A64 67
#define SO_PASSPIDFD_A64 76 /* delivers pidfds: refused */
#define SO_PEERPIDFD_A64 77 /* returns a new fd: refused */

#define SCM_RIGHTS_A64 1
#define SCM_CREDENTIALS_A64 2
#define SCM_SECURITY_A64 3
#define SCM_PIDFD_A64 4

_Static_assert(SOL_SOCKET == SOL_SOCKET_A64 && SOL_IP == SOL_IP_A64 && SOL_TCP == SOL_TCP_A64 &&
                   IPPROTO_UDP == SOL_UDP_A64 && SOL_IPV6 == SOL_IPV6_A64 &&
                   SOL_ICMPV6 == SOL_ICMPV6_A64 && SOL_RAW == SOL_RAW_A64 &&
                   SOL_NETLINK == SOL_NETLINK_A64,
               "socket option levels");
_Static_assert(SO_REUSEADDR == SO_REUSEADDR_A64 && SO_TYPE == SO_TYPE_A64 &&
                   SO_ERROR == SO_ERROR_A64 && SO_SNDBUF == SO_SNDBUF_A64 &&
                   SO_RCVBUF == SO_RCVBUF_A64 && SO_LINGER == SO_LINGER_A64 &&
                   SO_PASSCRED == SO_PASSCRED_A64 && SO_PEERCRED == SO_PEERCRED_A64 &&
                   SO_RCVTIMEO == SO_RCVTIMEO_OLD_A64 && SO_SNDTIMEO == SO_SNDTIMEO_OLD_A64 &&
                   SO_ATTACH_FILTER == SO_ATTACH_FILTER_A64 && SO_PEERNAME == SO_PEERNAME_A64 &&
                   SO_DOMAIN == SO_DOMAIN_A64 && SO_ATTACH_BPF == SO_ATTACH_BPF_A64 &&
                   SO_RCVTIMEO_NEW == SO_RCVTIMEO_NEW_A64 && SCM_RIGHTS == SCM_RIGHTS_A64 &&
                   SCM_CREDENTIALS == SCM_CREDENTIALS_A64,
               "x86-64 uses the asm-generic SOL_SOCKET numbering, as arm64 does");

/* ---- layouts (LP64 on both; guest pointers are guest addresses) ---- */

struct iovec_a64 {
    uint64_t base;
    uint64_t len;
};
struct msghdr_a64 {
    uint64_t name;
    uint32_t namelen;
    uint32_t pad0;
    uint64_t iov;
    uint64_t iovlen;
    uint64_t control;
    uint64_t controllen;
    int32_t flags;
    uint32_t pad1;
};
struct mmsghdr_a64 {
    struct msghdr_a64 hdr;
    uint32_t len;
    uint32_t pad;
};
struct cmsghdr_a64 {
    uint64_t len;
    int32_t level;
    int32_t type;
};
struct sock_fprog_a64 {
    uint16_t len;
    uint16_t pad[3];
    uint64_t filter; /* struct sock_filter[len], 8 bytes each */
};
#define CMSG_ALIGN_A64(n) (((n) + 7) & ~(uint64_t)7)
#define CMSG_HDR_A64 16ull

_Static_assert(sizeof(struct msghdr) == sizeof(struct msghdr_a64) &&
                   offsetof(struct msghdr, msg_namelen) == offsetof(struct msghdr_a64, namelen) &&
                   offsetof(struct msghdr, msg_iov) == offsetof(struct msghdr_a64, iov) &&
                   offsetof(struct msghdr, msg_iovlen) == offsetof(struct msghdr_a64, iovlen) &&
                   offsetof(struct msghdr, msg_control) == offsetof(struct msghdr_a64, control) &&
                   offsetof(struct msghdr, msg_controllen) ==
                       offsetof(struct msghdr_a64, controllen) &&
                   offsetof(struct msghdr, msg_flags) == offsetof(struct msghdr_a64, flags),
               "struct msghdr");
_Static_assert(sizeof(struct mmsghdr) == sizeof(struct mmsghdr_a64) &&
                   offsetof(struct mmsghdr, msg_len) == offsetof(struct mmsghdr_a64, len),
               "struct mmsghdr");
_Static_assert(sizeof(struct iovec) == sizeof(struct iovec_a64), "struct iovec");
_Static_assert(sizeof(struct cmsghdr) == CMSG_HDR_A64 &&
                   offsetof(struct cmsghdr, cmsg_level) == offsetof(struct cmsghdr_a64, level) &&
                   offsetof(struct cmsghdr, cmsg_type) == offsetof(struct cmsghdr_a64, type) &&
                   CMSG_LEN(0) == CMSG_HDR_A64 && CMSG_ALIGN(5) == 8,
               "struct cmsghdr, 8-byte aligned on both");
_Static_assert(sizeof(struct linger) == 8 && sizeof(struct timeval) == 16 &&
                   sizeof(struct ucred) == 12,
               "SO_LINGER/SO_RCVTIMEO_OLD/SO_PEERCRED and SCM_CREDENTIALS values");
_Static_assert(sizeof(struct sockaddr_un) == 110 && sizeof(struct sockaddr_in) == 16 &&
                   sizeof(struct sockaddr_in6) == 28 && sizeof(struct sockaddr_nl) == 12 &&
                   sizeof(struct sockaddr_storage) == 128,
               "socket address layouts");

/* ---- what the handlers let through ---- */

/* Guest socket type to host: the type in the low bits, only SOCK_NONBLOCK
 * and SOCK_CLOEXEC above them (the kernel's own rule). */
static inline long xlat_sock_type_g2h(uint64_t g, int *host)
{
    if (g > 0xffffffffu || ((uint32_t)g & ~(uint32_t)(SOCK_TYPE_MASK_A64 | SOCK_NONBLOCK_A64 |
                                                     SOCK_CLOEXEC_A64)))
        return -EINVAL;
    *host = (int)g;
    return 0;
}

/* Families pvm lets the guest create: those whose addresses and messages
 * carry no pointers and have one layout on both; netlink only for the
 * protocols whose messages are fixed-width structs. -EAFNOSUPPORT or
 * -EPROTONOSUPPORT otherwise. */
static inline long net_family_ok(uint64_t family, uint64_t protocol)
{
    switch (family) {
    case AF_UNIX_A64:
    case AF_INET_A64:
    case AF_INET6_A64:
        return 0;
    case AF_NETLINK_A64:
        return protocol == NETLINK_ROUTE_A64 || protocol == NETLINK_SOCK_DIAG_A64 ||
                       protocol == NETLINK_KOBJECT_UEVENT_A64
                   ? 0
                   : -EPROTONOSUPPORT;
    default:
        return -EAFNOSUPPORT;
    }
}

enum net_opt_kind {
    NET_OPT_NO,    /* not let through: -ENOPROTOOPT */
    NET_OPT_PLAIN, /* value bytes have the same layout on both: passed as is */
    NET_OPT_FPROG, /* struct sock_fprog: the filter pointer is rewritten */
};

/* Which (level, option) pairs pass, for setsockopt (set) or getsockopt. The
 * refused ones carry guest pointers or descriptors the kernel would take as
 * host ones (BPF attachments, packet rings, xfrm/iptables blobs, TCP
 * zero-copy receive, pidfds), or are unknown. */
static inline enum net_opt_kind net_sockopt_kind(int level, int opt, int set)
{
    switch (level) {
    case SOL_SOCKET_A64:
        if (opt == SO_ATTACH_FILTER_A64)
            return set ? NET_OPT_FPROG : NET_OPT_NO; /* get: SO_GET_FILTER, a count/array */
        if (opt == SO_ATTACH_BPF_A64 || opt == SO_ATTACH_REUSEPORT_CBPF_A64 ||
            opt == SO_ATTACH_REUSEPORT_EBPF_A64 || opt == SO_PASSPIDFD_A64 ||
            opt == SO_PEERPIDFD_A64)
            return NET_OPT_NO;
        return opt >= 1 && opt <= 75 && opt != 58 ? NET_OPT_PLAIN : NET_OPT_NO;
    case SOL_IP_A64:
        /* 16/17: IP_IPSEC_POLICY/IP_XFRM_POLICY; 64+: iptables */
        return (opt >= 1 && opt <= 15) || (opt >= 18 && opt <= 26) || (opt >= 32 && opt <= 52)
                   ? NET_OPT_PLAIN
                   : NET_OPT_NO;
    case SOL_IPV6_A64:
        /* 34/35: IPSEC/XFRM policy; 64,65,68,69: ip6tables */
        return (opt >= 1 && opt <= 33) || opt == 36 || (opt >= 42 && opt <= 63) ||
                       opt == 66 || opt == 67 || (opt >= 70 && opt <= 80)
                   ? NET_OPT_PLAIN
                   : NET_OPT_NO;
    case SOL_TCP_A64:
        /* 35: TCP_ZEROCOPY_RECEIVE holds a user address */
        return opt >= 1 && opt <= 37 && opt != 35 ? NET_OPT_PLAIN : NET_OPT_NO;
    case SOL_UDP_A64:
        return opt == 1 || (opt >= 100 && opt <= 104) ? NET_OPT_PLAIN : NET_OPT_NO;
    case SOL_ICMPV6_A64:
    case SOL_RAW_A64:
        return opt == 1 ? NET_OPT_PLAIN : NET_OPT_NO; /* ICMP(V6)_FILTER */
    case SOL_NETLINK_A64:
        /* 6/7: NETLINK_RX_RING/TX_RING (mmap rings) */
        return (opt >= 1 && opt <= 5) || (opt >= 8 && opt <= 12) ? NET_OPT_PLAIN : NET_OPT_NO;
    default:
        return NET_OPT_NO;
    }
}

/* Control messages a guest may send: SCM_RIGHTS (fds checked by the
 * caller) and the plain-data ones the kernel parses on send. Anything else
 * gives -EINVAL (what the kernel says for an unknown SOL_SOCKET type). */
static inline bool net_cmsg_send_ok(int level, int type)
{
    switch (level) {
    case SOL_SOCKET_A64:
        /* SO_PRIORITY, SO_MARK, SO_TIMESTAMPING_OLD, SCM_TXTIME */
        return type == SCM_RIGHTS_A64 || type == SCM_CREDENTIALS_A64 || type == 12 ||
               type == 36 || type == 37 || type == 61;
    case SOL_IP_A64:
        /* IP_TOS, IP_TTL, IP_RETOPTS, IP_PKTINFO, IP_PROTOCOL */
        return type == 1 || type == 2 || type == 7 || type == 8 || type == 52;
    case SOL_IPV6_A64:
        /* RFC 2292 and RFC 3542 ancillary data, IPV6_FLOWINFO, DONTFRAG, TCLASS */
        return (type >= 2 && type <= 5) || type == 8 || type == 9 || type == 11 ||
               type == 50 || type == 52 || type == 54 || type == 55 || type == 57 ||
               type == 59 || type == 62 || type == 67;
    case SOL_UDP_A64:
        return type == 103; /* UDP_SEGMENT */
    default:
        return false;
    }
}

#endif
