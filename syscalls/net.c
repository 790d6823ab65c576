/* Socket system calls: socket, socketpair, bind, listen, accept4, connect,
 * getsockname, getpeername, sendto, recvfrom, setsockopt, getsockopt,
 * shutdown (message calls with control data are in net_msg.c). Layouts are
 * the same on arm64 and x86-64 (abi_net.h asserts it), so the work here is
 * checking: pvm's descriptors give EBADF, new descriptors stay below
 * fd_pvm_base, only known families/options/flags pass, every guest range is
 * checked, and AF_UNIX filesystem names follow the -L rule both ways.
 * Calls that can wait (accept4, connect, sendto, recvfrom) make their host
 * call through the safe-syscall stub (signals/safe_syscall.h). */
#include <fcntl.h>
#include <linux/filter.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/options.h"
#include "core/path.h"
#include "signals/safe_syscall.h"
#include "syscalls/abi_net.h"
#include "syscalls/fs_util.h"
#include "syscalls/net.h"

/* largest option value or control buffer pvm copies (the kernel's own
 * optmem limit is far below) */
#define NET_COPY_MAX (1u << 20)

/* ---- addresses ---- */

/* length of the -L prefix without trailing slashes; 0 when there is none */
static size_t net_prefix_len(void)
{
    if (!opt.ld_prefix || !opt.ld_prefix[0])
        return 0;
    size_t pl = strlen(opt.ld_prefix);
    while (pl > 1 && opt.ld_prefix[pl - 1] == '/')
        pl--;
    return pl > 1 ? pl : 0;
}

long net_addr_in(uint64_t gaddr, uint64_t glen, struct sockaddr_storage *out, socklen_t *outlen)
{
    if ((int)glen < 0 || (uint32_t)glen > sizeof *out || (glen >> 32))
        return -EINVAL;
    size_t len = (uint32_t)glen;
    memset(out, 0, sizeof *out);
    if (len && !mem_copy_from_guest(out, gaddr, len))
        return -EFAULT;
    *outlen = (socklen_t)len;
    struct sockaddr_un *un = (struct sockaddr_un *)out;
    if (len <= offsetof(struct sockaddr_un, sun_path) || un->sun_family != AF_UNIX ||
        un->sun_path[0] != '/')
        return 0; /* not a filesystem name: unnamed, abstract or another family */
    /* the kernel reads the name up to addrlen or the first NUL */
    size_t plen = strnlen(un->sun_path, len - offsetof(struct sockaddr_un, sun_path));
    char gpath[sizeof un->sun_path + 1], norm[sizeof gpath];
    memcpy(gpath, un->sun_path, plen);
    gpath[plen] = 0;
    strcpy(norm, gpath);
    procfs_normalize(norm);
    if (procfs_classify(norm) == PROCFS_PVM_FD)
        return -ENOENT;
    char buf[PATH_MAX];
    const char *host = path_lookup(gpath, buf, sizeof buf);
    if (host == gpath)
        return 0;
    size_t hlen = strlen(host);
    if (hlen >= sizeof un->sun_path)
        return -ENAMETOOLONG;
    memset(un->sun_path, 0, sizeof un->sun_path);
    memcpy(un->sun_path, host, hlen);
    *outlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + hlen + 1);
    return 0;
}

/* the guest's view of an AF_UNIX name the host reports: a name under the
 * -L prefix loses it (net_addr_in put it there) */
static socklen_t net_addr_h2g(struct sockaddr_storage *a, socklen_t len)
{
    struct sockaddr_un *un = (struct sockaddr_un *)a;
    size_t off = offsetof(struct sockaddr_un, sun_path), pl = net_prefix_len();
    if (!pl || len <= off || un->sun_family != AF_UNIX || un->sun_path[0] != '/')
        return len;
    size_t plen = len - off;
    if (plen > sizeof un->sun_path)
        plen = sizeof un->sun_path;
    if (plen <= pl || un->sun_path[pl] != '/' || memcmp(un->sun_path, opt.ld_prefix, pl))
        return len;
    memmove(un->sun_path, un->sun_path + pl, plen - pl);
    memset(un->sun_path + plen - pl, 0, pl);
    return (socklen_t)(len - pl);
}

long net_addr_out_check(uint64_t gaddr, uint64_t glenp, uint32_t *glen)
{
    if (!gaddr)
        return 0;
    int32_t l;
    if (!mem_copy_from_guest(&l, glenp, sizeof l))
        return -EFAULT;
    if (l < 0)
        return -EINVAL;
    if (l && !mem_range_ok(gaddr, (uint32_t)l))
        return -EFAULT;
    *glen = (uint32_t)l;
    return 0;
}

long net_addr_out(uint64_t gaddr, uint64_t glenp, uint32_t glen, struct sockaddr_storage *a,
                  socklen_t hlen)
{
    if (!gaddr)
        return 0;
    if (hlen > sizeof *a)
        hlen = sizeof *a;
    socklen_t len = net_addr_h2g(a, hlen);
    uint32_t n = len < glen ? len : glen;
    if ((n && !mem_copy_to_guest(gaddr, a, n)) || !mem_copy_to_guest(glenp, &len, sizeof len))
        return -EFAULT;
    return 0;
}

/* ---- creating ---- */

int64_t sys_socket(struct cpu *c, const uint64_t a[6])
{
    int type;
    long r = xlat_sock_type_g2h(a[1], &type);
    if (r)
        return r;
    r = net_family_ok((uint32_t)a[0], (uint32_t)a[2]);
    if (r)
        return r;
    return fdtab_guest_fd(sys_ret(socket((int)a[0], type, (int)a[2])));
}

int64_t sys_socketpair(struct cpu *c, const uint64_t a[6])
{
    int type;
    long r = xlat_sock_type_g2h(a[1], &type);
    if (r)
        return r;
    if ((uint32_t)a[0] != AF_UNIX_A64)
        return (uint32_t)a[0] == AF_INET_A64 || (uint32_t)a[0] == AF_INET6_A64 ||
                       (uint32_t)a[0] == AF_NETLINK_A64
                   ? -EOPNOTSUPP
                   : -EAFNOSUPPORT;
    if (!mem_range_ok(a[3], 8))
        return -EFAULT;
    int fds[2];
    r = sys_ret(socketpair(AF_UNIX, type, (int)a[2], fds));
    if (r)
        return r;
    r = fdtab_guest_fd_pair(fds);
    if (r)
        return r;
    if (!mem_copy_to_guest(a[3], fds, sizeof fds)) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* ---- naming and connecting ---- */

/* bind and connect (nr: the host call): an fd and a guest address (AF_UNIX
 * paths through -L). connect waits for the peer: the safe stub serves both. */
static int64_t net_fd_addr_call(const uint64_t a[6], long nr)
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    struct sockaddr_storage sa;
    socklen_t len;
    r = net_addr_in(a[1], a[2], &sa, &len);
    if (r)
        return r;
    return sig_hsys(nr, fs_fd(a[0]), (long)&sa, len, 0, 0, 0);
}

int64_t sys_bind(struct cpu *c, const uint64_t a[6]) { return net_fd_addr_call(a, SYS_bind); }

int64_t sys_connect(struct cpu *c, const uint64_t a[6]) { return net_fd_addr_call(a, SYS_connect); }

int64_t sys_listen(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    return sys_ret(listen(fs_fd(a[0]), (int)a[1]));
}

int64_t sys_shutdown(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    return sys_ret(shutdown(fs_fd(a[0]), (int)a[1]));
}

int64_t sys_accept4(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    if (a[3] & ~(uint64_t)(SOCK_NONBLOCK_A64 | SOCK_CLOEXEC_A64))
        return -EINVAL;
    uint32_t glen = 0;
    r = net_addr_out_check(a[1], a[2], &glen);
    if (r)
        return r;
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    r = fdtab_guest_fd(sig_hsys(SYS_accept4, fs_fd(a[0]), a[1] ? (long)&sa : 0,
                                a[1] ? (long)&len : 0, (int)a[3], 0, 0));
    if (r < 0)
        return r;
    long e = net_addr_out(a[1], a[2], glen, &sa, len);
    if (e) {
        close((int)r);
        return e;
    }
    return r;
}

typedef int (*net_name_fn)(int, struct sockaddr *, socklen_t *);

static int64_t net_getname(const uint64_t a[6], net_name_fn fn)
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    uint32_t glen = 0;
    if (!a[1])
        return -EFAULT;
    r = net_addr_out_check(a[1], a[2], &glen);
    if (r)
        return r;
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    memset(&sa, 0, sizeof sa);
    r = sys_ret(fn(fs_fd(a[0]), (struct sockaddr *)&sa, &len));
    if (r)
        return r;
    return net_addr_out(a[1], a[2], glen, &sa, len);
}

int64_t sys_getsockname(struct cpu *c, const uint64_t a[6])
{
    return net_getname(a, getsockname);
}

int64_t sys_getpeername(struct cpu *c, const uint64_t a[6])
{
    return net_getname(a, getpeername);
}

/* ---- plain data transfer ---- */

long net_fd_msg_flags(uint64_t fd, uint64_t gflags, int *flags)
{
    long r = fs_check_fd(fd);
    return r ? r : xlat_msg_flags_g2h(gflags, flags);
}

int64_t sys_sendto(struct cpu *c, const uint64_t a[6])
{
    int flags;
    long r = net_fd_msg_flags(a[0], a[3], &flags);
    if (r)
        return r;
    uint64_t len = a[2];
    void *buf = fs_guest_buf(a[1], &len);
    if (!buf)
        return -EFAULT;
    struct sockaddr_storage sa;
    socklen_t salen = 0;
    if (a[4]) {
        r = net_addr_in(a[4], a[5], &sa, &salen);
        if (r)
            return r;
    }
    return sig_hsys(SYS_sendto, fs_fd(a[0]), (long)buf, (long)len, flags, a[4] ? (long)&sa : 0,
                    salen);
}

int64_t sys_recvfrom(struct cpu *c, const uint64_t a[6])
{
    int flags;
    long r = net_fd_msg_flags(a[0], a[3], &flags);
    if (r)
        return r;
    uint64_t len = a[2];
    void *buf = fs_guest_buf(a[1], &len);
    if (!buf)
        return -EFAULT;
    uint32_t glen = 0;
    r = net_addr_out_check(a[4], a[5], &glen);
    if (r)
        return r;
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    memset(&sa, 0, sizeof sa);
    r = sig_hsys(SYS_recvfrom, fs_fd(a[0]), (long)buf, (long)len, flags, a[4] ? (long)&sa : 0,
                 a[4] ? (long)&salen : 0);
    if (r < 0)
        return r;
    /* a connected stream socket reports no address: length 0, as the
     * kernel writes it */
    if (a[4]) {
        long e = net_addr_out(a[4], a[5], glen, &sa, salen);
        if (e)
            return e;
    }
    return r;
}

/* ---- options ---- */

int64_t sys_setsockopt(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    int level = (int)a[1], name = (int)a[2], optlen = (int)a[4];
    enum net_opt_kind k = net_sockopt_kind(level, name, 1);
    if (k == NET_OPT_NO)
        return -ENOPROTOOPT;
    if (optlen < 0)
        return -EINVAL;
    if ((unsigned)optlen > NET_COPY_MAX)
        return -ENOBUFS;
    if (k == NET_OPT_FPROG) {
        struct sock_fprog_a64 gp;
        if ((size_t)optlen < sizeof gp)
            return -EINVAL;
        if (!mem_copy_from_guest(&gp, a[3], sizeof gp))
            return -EFAULT;
        if (!gp.filter || gp.len == 0 || gp.len > BPF_MAXINSNS)
            return -EINVAL;
        size_t n = (size_t)gp.len * sizeof(struct sock_filter);
        if (!mem_range_ok(gp.filter, n))
            return -EFAULT;
        struct sock_filter *f = malloc(n);
        if (!f)
            return -ENOMEM;
        if (!mem_copy_from_guest(f, gp.filter, n)) {
            free(f);
            return -EFAULT;
        }
        struct sock_fprog hp = {.len = gp.len, .filter = f};
        r = sys_ret(setsockopt(fs_fd(a[0]), level, name, &hp, sizeof hp));
        free(f);
        return r;
    }
    /* a private copy: the value is checked by the kernel only once */
    void *v = malloc(optlen ? (size_t)optlen : 1);
    if (!v)
        return -ENOMEM;
    if (optlen && !mem_copy_from_guest(v, a[3], (size_t)optlen)) {
        free(v);
        return -EFAULT;
    }
    r = sys_ret(setsockopt(fs_fd(a[0]), level, name, v, (socklen_t)optlen));
    free(v);
    return r;
}

int64_t sys_getsockopt(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    int level = (int)a[1], name = (int)a[2];
    if (net_sockopt_kind(level, name, 0) != NET_OPT_PLAIN)
        return -ENOPROTOOPT;
    int32_t glen;
    if (!mem_copy_from_guest(&glen, a[4], sizeof glen))
        return -EFAULT;
    if (glen < 0)
        return -EINVAL;
    socklen_t len = (socklen_t)glen < NET_COPY_MAX ? (socklen_t)glen : NET_COPY_MAX;
    void *v = calloc(1, len ? len : 1);
    if (!v)
        return -ENOMEM;
    r = sys_ret(getsockopt(fs_fd(a[0]), level, name, v, &len));
    if (r == 0 && level == SOL_SOCKET_A64 && name == SO_PEERNAME_A64 &&
        len <= sizeof(struct sockaddr_storage)) {
        struct sockaddr_storage sa;
        memset(&sa, 0, sizeof sa);
        memcpy(&sa, v, len);
        len = net_addr_h2g(&sa, len);
        memcpy(v, &sa, len);
    }
    /* some options report the size they need with an error (ERANGE) */
    if (r == 0 && len && !mem_copy_to_guest(a[3], v, len < (socklen_t)glen ? len : (socklen_t)glen))
        r = -EFAULT;
    else if ((r == 0 || len != (socklen_t)glen) && !mem_copy_to_guest(a[4], &len, sizeof len))
        r = -EFAULT;
    free(v);
    return r;
}
