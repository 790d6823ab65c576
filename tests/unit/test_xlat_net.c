/* Guest ABI checks of the socket family (syscalls/abi_net.h) and the socket
 * handlers driven directly on a small guest region: type/flag/family
 * whitelists, the option table, SCM_RIGHTS naming a pvm fd (EBADF), a
 * received descriptor landing in pvm's range (closed, MSG_CTRUNC),
 * SO_ATTACH_FILTER's pointer rewrite, sendmmsg/recvmmsg lengths, and the
 * -L rewrite of AF_UNIX names both ways. */
#include <check.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/options.h"
#include "syscalls/abi_net.h"
#include "syscalls/fdtab.h"
#include "syscalls/net.h"
#include "syscalls/syscall.h"

/* ---- pure conversions ---- */

START_TEST(test_sock_type)
{
    int h;
    ck_assert_int_eq(xlat_sock_type_g2h(SOCK_STREAM_A64 | SOCK_CLOEXEC_A64 | SOCK_NONBLOCK_A64, &h), 0);
    ck_assert_int_eq(h, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK);
    ck_assert_int_eq(xlat_sock_type_g2h(SOCK_SEQPACKET_A64, &h), 0);
    ck_assert_int_eq(h, SOCK_SEQPACKET);
    ck_assert_int_eq(xlat_sock_type_g2h(SOCK_STREAM_A64 | 0x100000, &h), -EINVAL);
    ck_assert_int_eq(xlat_sock_type_g2h(SOCK_DGRAM_A64 | 0x10, &h), -EINVAL);
    ck_assert_int_eq(xlat_sock_type_g2h(1ull << 32 | SOCK_DGRAM_A64, &h), -EINVAL);
    /* O_NONBLOCK is 04000 on both (asm-generic), and SOCK_NONBLOCK follows it */
    ck_assert_int_eq(SOCK_NONBLOCK_A64, O_NONBLOCK);
}
END_TEST

START_TEST(test_msg_flags_family)
{
    int h;
    ck_assert_int_eq(xlat_msg_flags_g2h(MSG_NOSIGNAL | MSG_DONTWAIT | MSG_CMSG_CLOEXEC, &h), 0);
    ck_assert_int_eq(h, MSG_NOSIGNAL | MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    ck_assert_int_eq(xlat_msg_flags_g2h(MSG_WAITFORONE | MSG_ZEROCOPY | MSG_FASTOPEN, &h), 0);
    ck_assert_int_eq(xlat_msg_flags_g2h(MSG_CMSG_COMPAT_A64, &h), -EINVAL);
    ck_assert_int_eq(xlat_msg_flags_g2h(0x20000, &h), -EINVAL);
    ck_assert_int_eq(xlat_msg_flags_g2h(1ull << 40, &h), -EINVAL);
    ck_assert_int_eq(net_family_ok(AF_UNIX_A64, 0), 0);
    ck_assert_int_eq(net_family_ok(AF_INET6_A64, 17), 0);
    ck_assert_int_eq(net_family_ok(AF_NETLINK_A64, NETLINK_ROUTE_A64), 0);
    ck_assert_int_eq(net_family_ok(AF_NETLINK_A64, 12 /* NETFILTER */), -EPROTONOSUPPORT);
    ck_assert_int_eq(net_family_ok(17 /* AF_PACKET */, 0), -EAFNOSUPPORT);
}
END_TEST

START_TEST(test_sockopt_table)
{
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_RCVBUF, 1), NET_OPT_PLAIN);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_LINGER, 0), NET_OPT_PLAIN);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_RCVTIMEO, 1), NET_OPT_PLAIN);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_RCVTIMEO_NEW_A64, 1), NET_OPT_PLAIN);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_ATTACH_FILTER, 1), NET_OPT_FPROG);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_ATTACH_FILTER, 0), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_ATTACH_BPF, 1), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, SO_PEERPIDFD_A64, 0), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(SOL_SOCKET, 9999, 0), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(IPPROTO_TCP, TCP_NODELAY, 1), NET_OPT_PLAIN);
    ck_assert_int_eq(net_sockopt_kind(IPPROTO_TCP, 35 /* ZEROCOPY_RECEIVE */, 0), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(IPPROTO_IP, 16 /* IPSEC_POLICY */, 1), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(IPPROTO_IP, 64 /* IPT_SO_SET_REPLACE */, 1), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(IPPROTO_IPV6, IPV6_V6ONLY, 1), NET_OPT_PLAIN);
    ck_assert_int_eq(net_sockopt_kind(SOL_NETLINK, 6 /* RX_RING */, 1), NET_OPT_NO);
    ck_assert_int_eq(net_sockopt_kind(12345, 1, 1), NET_OPT_NO);
    ck_assert(net_cmsg_send_ok(SOL_SOCKET, SCM_RIGHTS));
    ck_assert(net_cmsg_send_ok(SOL_SOCKET, SCM_CREDENTIALS));
    ck_assert(!net_cmsg_send_ok(SOL_SOCKET, 29 /* SCM_TIMESTAMP: receive only */));
    ck_assert(net_cmsg_send_ok(IPPROTO_IPV6, 50 /* IPV6_PKTINFO */));
    ck_assert(!net_cmsg_send_ok(999, 1));
}
END_TEST

/* ---- handlers on a guest region ---- */

#define G 0x200000ull
#define GSIZE 0x10000ull
static struct cpu tcpu;

static void guest_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + G, GSIZE, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(G, GSIZE, mem_prot_flags(3));
    memset(guest_base + G, 0, GSIZE);
}

static void guest_teardown(void)
{
    mem_set_flags(G, GSIZE, 0);
    mprotect(guest_base + G, GSIZE, PROT_NONE);
}

static void *gp(uint64_t off) { return guest_base + G + off; }

static int64_t call(int64_t (*fn)(struct cpu *, const uint64_t *), uint64_t a0, uint64_t a1,
                    uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
    return fn(&tcpu, a);
}

/* lowest free descriptor number */
static int lowest_free(void)
{
    int fd = dup(0);
    close(fd);
    return fd;
}

/* a guest msghdr at off with one iovec (iov at off+0x100 -> data at
 * off+0x200, n bytes) and control at off+0x300 (clen bytes) */
static uint64_t gmsg(uint64_t off, uint64_t n, uint64_t clen)
{
    struct iovec_a64 iov = {G + off + 0x200, n};
    memcpy(gp(off + 0x100), &iov, sizeof iov);
    struct msghdr_a64 m = {.iov = G + off + 0x100, .iovlen = 1,
                           .control = clen ? G + off + 0x300 : 0, .controllen = clen};
    memcpy(gp(off), &m, sizeof m);
    return G + off;
}

START_TEST(test_rights)
{
    guest_setup();
    ck_assert_int_eq(call(sys_socketpair, AF_UNIX, SOCK_STREAM, 0, G, 0, 0), 0);
    int sv[2];
    memcpy(sv, gp(0), sizeof sv);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    int saved = fd_pvm_base;

    /* sending one of pvm's descriptors: EBADF */
    fd_pvm_base = p[1];
    uint64_t m = gmsg(0x1000, 1, CMSG_SPACE(2 * sizeof(int)));
    struct cmsghdr_a64 ch = {CMSG_LEN(2 * sizeof(int)), SOL_SOCKET, SCM_RIGHTS};
    memcpy(gp(0x1300), &ch, sizeof ch);
    int fds[2] = {p[0], p[1]};
    memcpy(gp(0x1310), fds, sizeof fds);
    ck_assert_int_eq(call(sys_sendmsg, sv[0], m, 0, 0, 0, 0), -EBADF);
    /* a malformed cmsg_len */
    ch.len = 8;
    memcpy(gp(0x1300), &ch, sizeof ch);
    ck_assert_int_eq(call(sys_sendmsg, sv[0], m, 0, 0, 0, 0), -EINVAL);
    /* an unknown control message type */
    ch = (struct cmsghdr_a64){CMSG_LEN(sizeof(int)), SOL_SOCKET, 29};
    memcpy(gp(0x1300), &ch, sizeof ch);
    ck_assert_int_eq(call(sys_sendmsg, sv[0], m, 0, 0, 0, 0), -EINVAL);
    fd_pvm_base = saved;

    /* a good one: the read end */
    ch = (struct cmsghdr_a64){CMSG_LEN(sizeof(int)), SOL_SOCKET, SCM_RIGHTS};
    memcpy(gp(0x1300), &ch, sizeof ch);
    memcpy(gp(0x1310), &p[0], sizeof(int));
    m = gmsg(0x1000, 1, CMSG_SPACE(sizeof(int)));
    ck_assert_int_eq(call(sys_sendmsg, sv[0], m, 0, 0, 0, 0), 1);
    ck_assert_int_eq(call(sys_sendmsg, sv[0], m, 0, 0, 0, 0), 1);

    /* received into the guest's range: a usable fd */
    memset(gp(0x2000), 0, 0x1000);
    m = gmsg(0x2000, 1, 64);
    ck_assert_int_eq(call(sys_recvmsg, sv[1], m, MSG_CMSG_CLOEXEC, 0, 0, 0), 1);
    struct msghdr_a64 gm;
    memcpy(&gm, gp(0x2000), sizeof gm);
    ck_assert_uint_eq(gm.controllen, CMSG_SPACE(sizeof(int)));
    ck_assert_int_eq(gm.flags, MSG_CMSG_CLOEXEC); /* the kernel echoes it */
    int got;
    memcpy(&got, gp(0x2310), sizeof got);
    ck_assert_int_eq(fcntl(got, F_GETFD), FD_CLOEXEC);
    close(got);

    /* the kernel installs the next one at fd_pvm_base: closed, cut, CTRUNC */
    int low = lowest_free();
    fd_pvm_base = low;
    memset(gp(0x2000), 0, 0x1000);
    m = gmsg(0x2000, 1, 64);
    ck_assert_int_eq(call(sys_recvmsg, sv[1], m, 0, 0, 0, 0), 1);
    memcpy(&gm, gp(0x2000), sizeof gm);
    ck_assert_uint_eq(gm.controllen, 0);
    ck_assert_int_eq(gm.flags, MSG_CTRUNC);
    ck_assert_int_eq(fcntl(low, F_GETFD), -1);
    fd_pvm_base = saved;

    /* a pvm descriptor as the socket */
    fd_pvm_base = sv[1];
    ck_assert_int_eq(call(sys_recvmsg, sv[1], m, 0, 0, 0, 0), -EBADF);
    ck_assert_int_eq(call(sys_getsockopt, sv[1], SOL_SOCKET, SO_TYPE, G, G + 8, 0), -EBADF);
    fd_pvm_base = saved;

    /* unknown MSG_ flag bits */
    ck_assert_int_eq(call(sys_recvmsg, sv[1], m, 0x20000, 0, 0, 0), -EINVAL);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
    guest_teardown();
}
END_TEST

START_TEST(test_sockopts)
{
    guest_setup();
    int s = (int)call(sys_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0, 0, 0, 0);
    ck_assert_int_ge(s, 0);
    ck_assert_int_eq(fcntl(s, F_GETFD), FD_CLOEXEC);
    uint32_t len = 4;
    memcpy(gp(8), &len, 4);
    ck_assert_int_eq(call(sys_getsockopt, s, SOL_SOCKET, SO_TYPE, G, G + 8, 0), 0);
    ck_assert_int_eq(*(int *)gp(0), SOCK_DGRAM);
    /* struct timeval in and out */
    struct timeval tv = {3, 500000}; /* a whole number of jiffies */
    memcpy(gp(0x100), &tv, sizeof tv);
    ck_assert_int_eq(call(sys_setsockopt, s, SOL_SOCKET, SO_RCVTIMEO, G + 0x100, sizeof tv, 0), 0);
    len = 16;
    memcpy(gp(8), &len, 4);
    ck_assert_int_eq(call(sys_getsockopt, s, SOL_SOCKET, SO_RCVTIMEO, G + 0x200, G + 8, 0), 0);
    ck_assert_int_eq(memcmp(gp(0x200), &tv, sizeof tv), 0);
    /* classic BPF through a guest pointer: accept everything */
    struct sock_filter f = BPF_STMT(BPF_RET | BPF_K, 0xffff);
    memcpy(gp(0x400), &f, sizeof f);
    struct sock_fprog_a64 prog = {.len = 1, .filter = G + 0x400};
    memcpy(gp(0x300), &prog, sizeof prog);
    ck_assert_int_eq(call(sys_setsockopt, s, SOL_SOCKET, SO_ATTACH_FILTER, G + 0x300, sizeof prog, 0), 0);
    prog.filter = 0x10; /* unmapped */
    memcpy(gp(0x300), &prog, sizeof prog);
    ck_assert_int_eq(call(sys_setsockopt, s, SOL_SOCKET, SO_ATTACH_FILTER, G + 0x300, sizeof prog, 0), -EFAULT);
    /* refused and bad */
    ck_assert_int_eq(call(sys_setsockopt, s, SOL_SOCKET, SO_ATTACH_BPF, G, 4, 0), -ENOPROTOOPT);
    ck_assert_int_eq(call(sys_setsockopt, s, SOL_SOCKET, SO_RCVBUF, G, (uint64_t)-1, 0), -EINVAL);
    ck_assert_int_eq(call(sys_setsockopt, s, SOL_SOCKET, SO_RCVBUF, 0x10, 4, 0), -EFAULT);
    ck_assert_int_eq(call(sys_getsockopt, s, SOL_SOCKET, SO_TYPE, G, 0x10, 0), -EFAULT);
    close(s);
    ck_assert_int_eq(call(sys_socket, 17 /* AF_PACKET */, SOCK_RAW, 0, 0, 0, 0), -EAFNOSUPPORT);
    ck_assert_int_eq(call(sys_socket, AF_UNIX, SOCK_STREAM | 0x100000, 0, 0, 0, 0), -EINVAL);
    guest_teardown();
}
END_TEST

START_TEST(test_mmsg)
{
    guest_setup();
    ck_assert_int_eq(call(sys_socketpair, AF_UNIX, SOCK_DGRAM, 0, G, 0, 0), 0);
    int sv[2];
    memcpy(sv, gp(0), sizeof sv);
    /* two mmsghdrs at 0x1000, iovecs at 0x1100, data at 0x1200 */
    struct mmsghdr_a64 mm[2];
    memset(mm, 0, sizeof mm);
    struct iovec_a64 iov[2] = {{G + 0x1200, 3}, {G + 0x1210, 6}};
    memcpy(gp(0x1200), "abc", 3);
    memcpy(gp(0x1210), "defghi", 6);
    for (int i = 0; i < 2; i++) {
        mm[i].hdr.iov = G + 0x1100 + i * sizeof iov[0];
        mm[i].hdr.iovlen = 1;
    }
    memcpy(gp(0x1100), iov, sizeof iov);
    memcpy(gp(0x1000), mm, sizeof mm);
    ck_assert_int_eq(call(sys_sendmmsg, sv[0], G + 0x1000, 2, 0, 0, 0), 2);
    memcpy(mm, gp(0x1000), sizeof mm);
    ck_assert_uint_eq(mm[0].len, 3);
    ck_assert_uint_eq(mm[1].len, 6);
    /* receive into 0x2000.. */
    iov[0] = (struct iovec_a64){G + 0x2200, 16};
    iov[1] = (struct iovec_a64){G + 0x2210, 16};
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 2; i++) {
        mm[i].hdr.iov = G + 0x2100 + i * sizeof iov[0];
        mm[i].hdr.iovlen = 1;
    }
    memcpy(gp(0x2100), iov, sizeof iov);
    memcpy(gp(0x2000), mm, sizeof mm);
    ck_assert_int_eq(call(sys_recvmmsg, sv[1], G + 0x2000, 2, MSG_DONTWAIT, 0, 0), 2);
    memcpy(mm, gp(0x2000), sizeof mm);
    ck_assert_uint_eq(mm[0].len, 3);
    ck_assert_uint_eq(mm[1].len, 6);
    ck_assert_int_eq(memcmp(gp(0x2210), "defghi", 6), 0);
    /* message 2 of 2 bad: only the first goes */
    mm[1].hdr.iov = 0x10;
    memcpy(gp(0x1000), mm, sizeof mm);
    memcpy(gp(0x1000), &(struct msghdr_a64){.iov = G + 0x1100, .iovlen = 1}, sizeof(struct msghdr_a64));
    ck_assert_int_eq(call(sys_sendmmsg, sv[0], G + 0x1000, 2, 0, 0, 0), 1);
    /* message 1 bad: its error */
    memcpy(gp(0x1000), &(struct msghdr_a64){.iov = 0x10, .iovlen = 1}, sizeof(struct msghdr_a64));
    ck_assert_int_eq(call(sys_sendmmsg, sv[0], G + 0x1000, 2, 0, 0, 0), -EFAULT);
    close(sv[0]);
    close(sv[1]);
    guest_teardown();
}
END_TEST

START_TEST(test_unix_prefix)
{
    guest_setup();
    char pfx[] = "/tmp/pvm-net-unit.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(pfx));
    char dir[128], sock[128];
    snprintf(dir, sizeof dir, "%s/run", pfx);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    snprintf(sock, sizeof sock, "%s/run/s", pfx);
    /* a host listener inside the prefix */
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un hs = {.sun_family = AF_UNIX};
    strcpy(hs.sun_path, sock);
    ck_assert_int_eq(bind(l, (struct sockaddr *)&hs, sizeof hs), 0);
    ck_assert_int_eq(listen(l, 1), 0);
    const char *saved = opt.ld_prefix;
    opt.ld_prefix = pfx;

    struct sockaddr_storage ss;
    socklen_t sl;
    struct sockaddr_un gs = {.sun_family = AF_UNIX};
    strcpy(gs.sun_path, "/run/s");
    memcpy(gp(0), &gs, sizeof gs);
    /* SUN_LEN-style length without the NUL */
    ck_assert_int_eq(net_addr_in(G, offsetof(struct sockaddr_un, sun_path) + 6, &ss, &sl), 0);
    ck_assert_str_eq(((struct sockaddr_un *)&ss)->sun_path, sock);
    ck_assert_uint_eq(sl, offsetof(struct sockaddr_un, sun_path) + strlen(sock) + 1);
    /* abstract names and other families untouched */
    gs.sun_path[0] = 0;
    memcpy(gp(0), &gs, sizeof gs);
    ck_assert_int_eq(net_addr_in(G, 9, &ss, &sl), 0);
    ck_assert_uint_eq(sl, 9);
    ck_assert_int_eq(memcmp(&ss, &gs, 9), 0);
    ck_assert_int_eq(net_addr_in(G, 129, &ss, &sl), -EINVAL);
    ck_assert_int_eq(net_addr_in(0x10, 16, &ss, &sl), -EFAULT);

    /* connect through the guest name, then the peer name comes back without the prefix */
    strcpy(gs.sun_path, "/run/s");
    memcpy(gp(0), &gs, sizeof gs);
    int c = (int)call(sys_socket, AF_UNIX, SOCK_STREAM, 0, 0, 0, 0);
    ck_assert_int_ge(c, 0);
    ck_assert_int_eq(call(sys_connect, c, G, sizeof gs, 0, 0, 0), 0);
    uint32_t glen = sizeof(struct sockaddr_un);
    memcpy(gp(0x200), &glen, 4);
    ck_assert_int_eq(call(sys_getpeername, c, G + 0x100, G + 0x200, 0, 0, 0), 0);
    memcpy(&glen, gp(0x200), 4);
    ck_assert_uint_eq(glen, offsetof(struct sockaddr_un, sun_path) + 7);
    ck_assert_str_eq((char *)gp(0x100 + offsetof(struct sockaddr_un, sun_path)), "/run/s");
    close(c);
    opt.ld_prefix = saved;
    close(l);
    unlink(sock);
    rmdir(dir);
    rmdir(pfx);
    guest_teardown();
}
END_TEST

Suite *suite_xlat_net(void)
{
    Suite *s = suite_create("xlat_net");
    TCase *tc = tcase_create("net");
    tcase_add_test(tc, test_sock_type);
    tcase_add_test(tc, test_msg_flags_family);
    tcase_add_test(tc, test_sockopt_table);
    tcase_add_test(tc, test_rights);
    tcase_add_test(tc, test_sockopts);
    tcase_add_test(tc, test_mmsg);
    tcase_add_test(tc, test_unix_prefix);
    suite_add_tcase(s, tc);
    return s;
}
