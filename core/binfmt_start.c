/* How the kernel started this pvm (binfmt_start.h has the rule). The facts
 * come from pvm's own auxiliary vector through getauxval, which glibc keeps
 * from the kernel's initial stack, so they hold in a chroot without /proc.
 * AT_EXECFD may be 0 (a valid descriptor), so its presence is told by
 * getauxval's ENOENT, not by the value. */
#include "core/binfmt_start.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/binfmts.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "core/binfmt_entry.h"

struct binfmt_start binfmt_started = {.exec_fd = -1};

bool binfmt_start_is_a64(const unsigned char *head, size_t len)
{
    if (len < BINFMT_MAGIC_LEN)
        return false;
    for (size_t k = 0; k < BINFMT_MAGIC_LEN; k++)
        if ((head[k] ^ binfmt_a64_magic[k]) & binfmt_a64_mask[k])
            return false;
    return true;
}

bool binfmt_start_classify(int argc, char **argv, bool have_execfd, unsigned long at_flags,
                           const char *execfn, bool execfn_is_a64)
{
    if (argc < 2)
        return false; /* the kernel always passes the file as argv[1] */
    if (have_execfd || (at_flags & AT_FLAGS_PRESERVE_ARGV0))
        return true;
    return execfn && execfn_is_a64 && !strcmp(execfn, argv[1]);
}

/* whether path names a file that starts with an AArch64 ELF header */
static bool binfmt_start_file_is_a64(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return false;
    unsigned char head[BINFMT_MAGIC_LEN];
    ssize_t n = pread(fd, head, sizeof head, 0);
    close(fd);
    return n == (ssize_t)sizeof head && binfmt_start_is_a64(head, sizeof head);
}

void binfmt_start_detect(int argc, char **argv)
{
    struct binfmt_start *s = &binfmt_started;
    errno = 0;
    unsigned long fd = getauxval(AT_EXECFD);
    bool have_fd = errno != ENOENT;
    unsigned long flags = getauxval(AT_FLAGS);
    s->execfn = (const char *)getauxval(AT_EXECFN);
    s->secure = getauxval(AT_SECURE) != 0 || getuid() != geteuid() || getgid() != getegid();
    /* the file is read only when neither flag decided */
    bool a64 = !have_fd && !(flags & AT_FLAGS_PRESERVE_ARGV0) && argc >= 2 && s->execfn &&
               !strcmp(s->execfn, argv[1]) && binfmt_start_file_is_a64(s->execfn);
    s->by_binfmt = binfmt_start_classify(argc, argv, have_fd, flags, s->execfn, a64);
    s->preserve_argv0 = s->by_binfmt && (flags & AT_FLAGS_PRESERVE_ARGV0);
    s->open_binary = s->by_binfmt && have_fd;
    s->exec_fd = s->open_binary && fd <= (unsigned long)__INT_MAX__ ? (int)fd : -1;
    /* the kernel's descriptor is not close-on-exec; the loader closes it */
    if (s->exec_fd >= 0)
        fcntl(s->exec_fd, F_SETFD, FD_CLOEXEC);
}

bool binfmt_exec_by_kernel(const struct stat *st, bool readable)
{
    if (!binfmt_started.by_binfmt)
        return false;
    if (st->st_mode & (S_ISUID | S_ISGID))
        return true;
    return !readable && binfmt_started.open_binary;
}
