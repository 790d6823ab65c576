/* pvm's own binary (selfexe.h): where it comes from, the descriptor kept on
 * it, its identity and the guard of its file.
 * Invariants: self_fd, self_src and self_st are set by selfexe_init before
 * the guest runs and never change after (read without a lock; a fork child
 * keeps them with the descriptor). The descriptor is at or above
 * fd_pvm_base and close-on-exec except while pvm re-executes itself
 * (fdtab_exec_prepare). What is found later (the link text, and without a
 * descriptor the identity from /proc/self/exe once /proc appears) is
 * published once by a compare-and-swap of a pointer to a finished copy:
 * threads racing to find it each make one, the first is kept, and no lock
 * exists for a fork to cut in half. */
#include "syscalls/selfexe.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/log.h"
#include "syscalls/fdtab.h"

static int self_fd = -1;
static enum selfexe_source self_src = SELFEXE_NONE;
static struct stat self_st;      /* of self_fd's file, when self_fd >= 0 */
static struct stat *self_lazy_st; /* without a descriptor: /proc/self/exe's, once read */
static char *self_text;          /* readlink text of a /proc link to the binary */

int selfexe_fd(void) { return self_fd; }
enum selfexe_source selfexe_source(void) { return self_src; }
bool selfexe_guarding(void) { return self_fd >= 0; }

/* ---- build ids ---- */

/* an NT_GNU_BUILD_ID descriptor: enough to tell two builds apart */
struct selfexe_id {
    unsigned char b[64];
    size_t n;
};

/* Finds the GNU build id in a PT_NOTE segment's bytes (notes padded to
 * align: 4, or 8 for a segment aligned so, as .note.gnu.property's is). */
static bool selfexe_note_id(const unsigned char *p, uint64_t len, uint64_t align,
                            struct selfexe_id *id)
{
    uint64_t a = align == 8 ? 8 : 4, off = 0;
    while (len - off >= sizeof(Elf64_Nhdr) && off < len) {
        Elf64_Nhdr nh;
        memcpy(&nh, p + off, sizeof nh);
        uint64_t name = off + sizeof nh;
        uint64_t desc = name + ((nh.n_namesz + a - 1) & ~(a - 1));
        uint64_t next = desc + ((nh.n_descsz + a - 1) & ~(a - 1));
        if (desc + nh.n_descsz > len || next <= off)
            return false;
        if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && !memcmp(p + name, "GNU", 4) &&
            nh.n_descsz && nh.n_descsz <= sizeof id->b) {
            memcpy(id->b, p + desc, nh.n_descsz);
            id->n = nh.n_descsz;
            return true;
        }
        off = next;
    }
    return false;
}

/* the running program's own build id: the first object dl_iterate_phdr
 * reports is the program (static-pie too) */
static int selfexe_own_cb(struct dl_phdr_info *info, size_t size, void *ctx)
{
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_NOTE &&
            selfexe_note_id((const unsigned char *)(info->dlpi_addr + ph->p_vaddr), ph->p_filesz,
                            ph->p_align, ctx))
            break;
    }
    return 1;
}

static bool selfexe_own_id(struct selfexe_id *id)
{
    id->n = 0;
    dl_iterate_phdr(selfexe_own_cb, id);
    return id->n > 0;
}

/* The build id of the x86-64 ELF open on fd: 1 found, 0 none or not such
 * an ELF, -1 unreadable (an O_PATH descriptor) */
static int selfexe_file_id(int fd, struct selfexe_id *id)
{
    Elf64_Ehdr eh;
    ssize_t n = pread(fd, &eh, sizeof eh, 0);
    if (n < 0)
        return -1;
    if (n != sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
        eh.e_machine != EM_X86_64 || eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum > 64)
        return 0;
    Elf64_Phdr ph[64];
    size_t phlen = eh.e_phnum * sizeof *ph;
    if (pread(fd, ph, phlen, (off_t)eh.e_phoff) != (ssize_t)phlen)
        return 0;
    unsigned char note[4096];
    for (int i = 0; i < eh.e_phnum; i++) {
        if (ph[i].p_type != PT_NOTE || ph[i].p_filesz > sizeof note)
            continue;
        if (pread(fd, note, ph[i].p_filesz, (off_t)ph[i].p_offset) != (ssize_t)ph[i].p_filesz)
            return 0;
        if (selfexe_note_id(note, ph[i].p_filesz, ph[i].p_align, id))
            return 1;
    }
    return 0;
}

static bool selfexe_same_id(const struct selfexe_id *a, const struct selfexe_id *b)
{
    return a->n && a->n == b->n && !memcmp(a->b, b->b, a->n);
}

/* ---- the sources ---- */

/* --self-fd=N: the kernel names an execveat of descriptor N "/dev/fd/N"
 * (AT_EXECFN), so this process runs what N is open on; a build id that
 * differs (a binfmt_misc interpreter started for a program executed by
 * descriptor N: AT_EXECFN names the program's descriptor) refuses it */
static bool selfexe_inherited_ok(int fd, const struct selfexe_id *own)
{
    char want[32];
    const char *fn = (const char *)getauxval(AT_EXECFN);
    snprintf(want, sizeof want, "/dev/fd/%d", fd);
    struct stat st;
    if (!fn || strcmp(fn, want) || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    /* unreadable (O_PATH), or a build without ids: AT_EXECFN alone */
    struct selfexe_id id = {0};
    int r = selfexe_file_id(fd, &id);
    return r < 0 || !own->n || (r > 0 && selfexe_same_id(own, &id));
}

/* a path (AT_EXECFN, argv[0]) opened when it has this program's build id */
static int selfexe_open_checked(const char *path, const struct selfexe_id *own)
{
    if (!path || !path[0] || !own->n)
        return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct selfexe_id id = {0};
    if (selfexe_file_id(fd, &id) > 0 && selfexe_same_id(own, &id))
        return fd;
    close(fd);
    return -1;
}

/* the readlink text of the kept descriptor (without one, of
 * /proc/self/exe), published once (see the top) */
static const char *selfexe_find_text(void)
{
    char *t = __atomic_load_n(&self_text, __ATOMIC_ACQUIRE);
    if (t)
        return t;
    char link[64], buf[4096];
    if (self_fd >= 0)
        snprintf(link, sizeof link, "/proc/self/fd/%d", self_fd);
    else
        snprintf(link, sizeof link, "/proc/self/exe");
    ssize_t n = readlink(link, buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = 0;
    char *mine = strdup(buf), *expect = NULL;
    if (!mine)
        return NULL;
    if (!__atomic_compare_exchange_n(&self_text, &expect, mine, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        free(mine);
        return expect;
    }
    return mine;
}

const char *selfexe_text(void) { return selfexe_find_text(); }

static const char *const selfexe_names[] = {
    [SELFEXE_NONE] = "none",
    [SELFEXE_INHERITED] = "the descriptor pvm was re-executed through",
    [SELFEXE_PROC] = "/proc/self/exe",
    [SELFEXE_EXECFN] = "AT_EXECFN",
    [SELFEXE_ARGV0] = "argv[0]",
};

void selfexe_init(int inherited, const char *argv0)
{
    struct selfexe_id own = {0};
    selfexe_own_id(&own);
    int fd = -1;
    const char *named = NULL;
    if (inherited >= 0 && selfexe_inherited_ok(inherited, &own)) {
        fd = inherited;
        self_src = SELFEXE_INHERITED;
    }
    if (fd < 0) {
        /* readable when it can be (the build-id check of the next pvm),
         * else a path descriptor, which exec takes as well */
        fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            fd = open("/proc/self/exe", O_PATH | O_CLOEXEC);
        self_src = SELFEXE_PROC;
    }
    if (fd < 0) {
        named = (const char *)getauxval(AT_EXECFN);
        fd = selfexe_open_checked(named, &own);
        self_src = SELFEXE_EXECFN;
    }
    if (fd < 0 && argv0 && strchr(argv0, '/')) {
        named = argv0;
        fd = selfexe_open_checked(named, &own);
        self_src = SELFEXE_ARGV0;
    }
    if (fd >= 0 && fd < fd_pvm_base) {
        int n = fcntl(fd, F_DUPFD_CLOEXEC, fd_pvm_base);
        close(fd); /* pvm's own, or what pvm's re-exec handed over */
        fd = n;
    } else if (fd >= 0) {
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    if (fd < 0 || fstat(fd, &self_st) != 0) {
        if (fd >= 0)
            close(fd);
        fd = -1;
        self_src = SELFEXE_NONE;
    }
    self_fd = fd;
    if (!log_on(DBG_exec))
        return;
    if (fd < 0)
        log_printf("exec-self: none found (no /proc/self/exe, AT_EXECFN and argv[0] are "
                   "not pvm): a guest execve runs the program through binfmt_misc\n");
    else if (named)
        log_printf("exec-self: %s %s (no /proc/self/exe), descriptor %d\n",
                   selfexe_names[self_src], log_str(named), fd);
    else
        log_printf("exec-self: %s, descriptor %d\n", selfexe_names[self_src], fd);
}

/* ---- identity ---- */

/* without a descriptor: /proc/self/exe's identity, once /proc is there */
static const struct stat *selfexe_lazy(void)
{
    struct stat *s = __atomic_load_n(&self_lazy_st, __ATOMIC_ACQUIRE);
    if (s)
        return s;
    struct stat st;
    if (stat("/proc/thread-self/exe", &st) != 0)
        return NULL;
    struct stat *mine = malloc(sizeof *mine), *expect = NULL;
    if (!mine)
        return NULL;
    *mine = st;
    if (!__atomic_compare_exchange_n(&self_lazy_st, &expect, mine, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        free(mine);
        return expect;
    }
    return mine;
}

bool selfexe_is(const struct stat *st)
{
    const struct stat *me = self_fd >= 0 ? &self_st : selfexe_lazy();
    return me && st->st_dev == me->st_dev && st->st_ino == me->st_ino;
}

/* RESOLVE_NO_MAGICLINKS refuses (ELOOP) every /proc/<pid>/{fd/N, root,
 * cwd, exe, map_files/...} on the way, including through symlinks, so
 * what it opens was reached by ordinary names. */
long selfexe_guard(const struct stat *st, int dirfd, const char *path, bool follow)
{
    if (self_fd < 0 || !S_ISREG(st->st_mode) || !selfexe_is(st))
        return 0;
    if (!path)
        return -EACCES;
    if (!path[0])
        return 0; /* the guest's own descriptor, checked when it was opened */
    struct open_how how = {
        .flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW),
        .resolve = RESOLVE_NO_MAGICLINKS,
    };
    int fd = (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    if (fd < 0)
        return errno == ENOSYS ? 0 : -EACCES; /* before Linux 5.6: cannot tell */
    struct stat got;
    bool same = fstat(fd, &got) == 0 && got.st_dev == st->st_dev && got.st_ino == st->st_ino;
    close(fd);
    return same ? 0 : -EACCES;
}

/* ---- direct exec ---- */

void selfexe_note_noexec(const char *host_path)
{
    static int said;
    if (__atomic_exchange_n(&said, 1, __ATOMIC_RELAXED))
        return;
    log_error("%s: exec format error: pvm cannot re-execute itself here (no /proc/self/exe, and "
              "neither AT_EXECFN nor argv[0] names pvm's binary) and the host has no binfmt_misc "
              "registration for AArch64",
              log_str(host_path));
}
