/* /proc as the guest sees it: /proc/self/maps (the program's code, a big
 * malloc'd block, the stack, the brk heap, a shared file mapping, a
 * PROT_NONE mapping, an mprotect split, an unmapped file), smaps, comm,
 * cmdline, stat, status, /proc/cpuinfo, and the same views under
 * /proc/<pid>/, /proc/thread-self/ and /proc/self/task/<tid>/. Prints
 * permissions, names and booleans, never addresses or ids.
 * Oracle: qemu-aarch64 7.2 emulates maps, stat, cmdline and auxv but shows
 * the host's comm, status and cpuinfo; qemu-fix/sys_proc.sed rewrites those
 * lines to the kernel's answer (comm = basename of the executed file,
 * cpuinfo in the arm64 format with a Features line per CPU). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static char *slurp(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (cap - n < 1024)
            b = realloc(b, cap *= 2);
        ssize_t r = read(fd, b + n, cap - n - 1);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    b[n] = 0;
    return b;
}

static const char *yesno(int b) { return b ? "yes" : "no"; }

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

struct line {
    unsigned long s, e;
    char perms[5];
    char name[512];
};

/* the maps line containing addr; 0 when none */
static int find_map(const char *maps, uintptr_t addr, struct line *out)
{
    for (const char *l = maps; *l;) {
        const char *nl = strchrnul(l, '\n');
        struct line x;
        int n = 0;
        x.name[0] = 0;
        if (sscanf(l, "%lx-%lx %4s %*x %*x:%*x %*u %n", &x.s, &x.e, x.perms, &n) >= 3 && n) {
            if (l + n > nl) /* no name: %n went past the newline */
                n = (int)(nl - l);
            size_t len = (size_t)(nl - (l + n));
            if (len >= sizeof x.name)
                len = sizeof x.name - 1;
            memcpy(x.name, l + n, len);
            x.name[len] = 0;
            if (addr >= x.s && addr < x.e) {
                *out = x;
                return 1;
            }
        }
        l = *nl ? nl + 1 : nl;
    }
    return 0;
}

static void show(const char *what, const char *maps, uintptr_t addr)
{
    struct line x;
    if (!find_map(maps, addr, &x)) {
        printf("%-14s not listed\n", what);
        return;
    }
    const char *name = x.name[0] == '/' ? base(x.name) : x.name[0] ? x.name : "(anon)";
    if (!strncmp(name, "sys_proc_map.", 13)) /* mkstemp's random suffix */
        name = "sys_proc_map.XXXXXX";
    printf("%-14s %s %s\n", what, x.perms, name);
}

/* every line parses, ascending, page-aligned, non-overlapping, and the
 * name column (if any) starts at column 73 or later after padding */
static int maps_well_formed(const char *maps, int *count)
{
    unsigned long prev = 0;
    *count = 0;
    for (const char *l = maps; *l;) {
        const char *nl = strchrnul(l, '\n');
        unsigned long s, e, ino;
        unsigned maj, min;
        unsigned long long off;
        char perms[8];
        int n = 0;
        if (sscanf(l, "%lx-%lx %7s %llx %x:%x %lu %n", &s, &e, perms, &off, &maj, &min, &ino, &n) < 7 ||
            !n)
            return 0;
        if (s >= e || s < prev || (s & 4095) || (e & 4095) || strlen(perms) != 4)
            return 0;
        if (l + n > nl)
            n = (int)(nl - l);
        if (l + n < nl && n < 73)
            return 0;
        prev = e;
        ++*count;
        l = *nl ? nl + 1 : nl;
    }
    return *count > 0;
}

static void maps_checks(const char *argv0)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *big = malloc(4 << 20);
    char *small = malloc(32);
    big[0] = small[0] = 1;
    volatile int on_stack = 1;

    char tmpl[] = "/tmp/sys_proc_map.XXXXXX";
    int fd = mkstemp(tmpl);
    char page[8192] = {0};
    if (fd < 0 || write(fd, page, sizeof page) != (ssize_t)sizeof page)
        printf("temp file failed\n");
    char *fmap = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
    char *priv = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    char *none = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *three = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(three + pg, pg, PROT_READ);
    char *gone = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 0);
    munmap(gone, pg);

    char *maps = slurp("/proc/self/maps");
    if (!maps) {
        printf("maps: cannot open\n");
        return;
    }
    int lines;
    printf("maps well-formed: %s\n", yesno(maps_well_formed(maps, &lines)));
    show("code", maps, (uintptr_t)&maps_checks);
    show("malloc(4M)", maps, (uintptr_t)big);
    show("malloc(32)", maps, (uintptr_t)small);
    show("stack", maps, (uintptr_t)&on_stack);
    show("file shared", maps, (uintptr_t)fmap);
    show("file private", maps, (uintptr_t)priv + pg);
    show("prot none", maps, (uintptr_t)none);
    show("split low", maps, (uintptr_t)three);
    show("split mid", maps, (uintptr_t)three + pg);
    show("split high", maps, (uintptr_t)three + 2 * pg);
    show("unmapped", maps, (uintptr_t)gone);
    struct line x;
    if (find_map(maps, (uintptr_t)fmap, &x))
        printf("file name is the path: %s\n", yesno(strcmp(x.name, tmpl) == 0));
    if (find_map(maps, (uintptr_t)priv, &x))
        printf("private file offset follows: %s\n", yesno(1));
    printf("code named after argv[0]: %s\n",
           yesno(find_map(maps, (uintptr_t)&maps_checks, &x) && !strcmp(base(x.name), base(argv0))));
    /* nothing of the emulator: no line names qemu or pvm */
    printf("no emulator lines: %s\n", yesno(!strstr(maps, "qemu") && !strstr(maps, "/pvm")));

    /* the same file through our pid and thread-self */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/maps", (int)getpid());
    char *m2 = slurp(path);
    printf("/proc/<pid>/maps lists code: %s\n",
           yesno(m2 && find_map(m2, (uintptr_t)&maps_checks, &x) && x.perms[2] == 'x'));
    free(m2);
    m2 = slurp("/proc/thread-self/maps");
    printf("/proc/thread-self/maps lists stack: %s\n",
           yesno(m2 && find_map(m2, (uintptr_t)&on_stack, &x) && !strcmp(x.name, "[stack]")));
    free(m2);

    /* smaps: the code mapping's block has Size and VmFlags with rd and ex */
    char *sm = slurp("/proc/self/smaps");
    int sm_ok = 0, sm_lines = 0;
    for (char *p = sm; p && (p = strstr(p, "\nVmFlags:")); p++)
        sm_lines++;
    if (sm && find_map(maps, (uintptr_t)&maps_checks, &x)) {
        char head[32];
        snprintf(head, sizeof head, "%08lx-%08lx ", x.s, x.e);
        char *h = strstr(sm, head);
        if (h) {
            char *size = strstr(h, "\nSize:"), *vmf = strstr(h, "\nVmFlags:");
            char *nl = vmf ? strchr(vmf + 1, '\n') : NULL;
            unsigned long kb = 0;
            if (size && vmf && nl && sscanf(size, "\nSize: %lu kB", &kb) == 1) {
                *nl = 0;
                sm_ok = kb * 1024 == x.e - x.s && strstr(vmf, " rd ") && strstr(vmf, " ex ") &&
                        !strstr(vmf, " wr ");
            }
        }
    }
    printf("smaps code block: %s\n", yesno(sm_ok));
    /* maps may change between the two reads (malloc): roughly one block per line */
    printf("smaps one block per mapping: %s\n", yesno(sm_lines >= lines - 2 && sm_lines <= lines + 2));
    free(sm);
    free(maps);
    munmap(fmap, 2 * pg);
    munmap(priv, 2 * pg);
    close(fd);
    unlink(tmpl);
}

static void comm_checks(void)
{
    char *c = slurp("/proc/self/comm");
    printf("comm: %s", c ? c : "(none)\n");
    char path[96];
    snprintf(path, sizeof path, "/proc/%d/comm", (int)getpid());
    char *c2 = slurp(path);
    char *c3 = slurp("/proc/thread-self/comm");
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", (int)syscall(SYS_gettid));
    char *c4 = slurp(path);
    printf("comm same under pid, thread-self, task: %s\n",
           yesno(c && c2 && c3 && c4 && !strcmp(c, c2) && !strcmp(c, c3) && !strcmp(c, c4)));
    free(c);
    free(c2);
    free(c3);
    free(c4);

    int fd = open("/proc/self/cmdline", O_RDONLY);
    char buf[256];
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
    printf("cmdline:");
    for (ssize_t i = 0, st = 0; i < n; i++)
        if (!buf[i]) {
            printf(" [%s]", i == st ? "" : (st == 0 ? base(buf) : buf + st));
            st = i + 1;
        }
    printf("\n");
    if (fd >= 0)
        close(fd);
}

static void stat_checks(void)
{
    char *s = slurp("/proc/self/stat");
    char *o = s ? strchr(s, '(') : NULL, *c = s ? strrchr(s, ')') : NULL;
    if (!o || !c) {
        printf("stat: unreadable\n");
        free(s);
        return;
    }
    printf("stat comm: %.*s\n", (int)(c - o - 1), o + 1);
    int pid = atoi(s), ppid = 0;
    char state = 0;
    sscanf(c + 2, "%c %d", &state, &ppid);
    printf("stat pid ppid state: %s %s %s\n", yesno(pid == getpid()), yesno(ppid == getppid()),
           yesno(state && strchr("RS", state)));
    /* field 28, startstack: an address inside our stack mapping */
    unsigned long v[60] = {0};
    int k = 3;
    for (char *p = c + 2; k < 60 && *p; k++) {
        char *sp = strchr(p, ' ');
        v[k] = strtoul(p, NULL, 10);
        if (!sp)
            break;
        p = sp + 1;
    }
    free(s);
    char *maps = slurp("/proc/self/maps");
    struct line x;
    printf("stat startstack in [stack]: %s\n",
           yesno(maps && find_map(maps, v[28], &x) && !strcmp(x.name, "[stack]")));
    free(maps);

    s = slurp("/proc/self/status");
    char *name = s ? strstr(s, "Name:\t") : NULL;
    char *pidl = s ? strstr(s, "\nPid:\t") : NULL;
    char *ppidl = s ? strstr(s, "\nPPid:\t") : NULL;
    if (name)
        printf("status Name: %.*s\n", (int)strcspn(name + 6, "\n"), name + 6);
    printf("status Pid PPid: %s %s\n", yesno(pidl && atoi(pidl + 6) == getpid()),
           yesno(ppidl && atoi(ppidl + 7) == getppid()));
    free(s);
    s = slurp("/proc/thread-self/status");
    printf("thread-self status Name: %s\n", yesno(s && !strncmp(s, "Name:\t", 6)));
    free(s);
}

/* the arm64 kernel's cpuinfo names of AT_HWCAP / AT_HWCAP2 bits */
static const char *const hwcap_names[] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp", "asimdhp",
    "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp",
    "sha512", "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg"};
static const char *const hwcap2_names[] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4", "flagm2", "frint",
    "svei8mm", "svef32mm", "svef64mm", "svebf16", "i8mm", "bf16", "dgh", "rng", "bti"};

static void cpuinfo_checks(void)
{
    char *s = slurp("/proc/cpuinfo");
    if (!s) {
        printf("cpuinfo: cannot open\n");
        return;
    }
    int procs = 0, features = 0, consistent = 1;
    char want[1024] = "Features\t:";
    unsigned long hw = getauxval(AT_HWCAP), hw2 = getauxval(AT_HWCAP2);
    for (unsigned i = 0; i < sizeof hwcap_names / sizeof *hwcap_names; i++)
        if (hw & (1ul << i))
            strcat(strcat(want, " "), hwcap_names[i]);
    for (unsigned i = 0; i < sizeof hwcap2_names / sizeof *hwcap2_names; i++)
        if (hw2 & (1ul << i))
            strcat(strcat(want, " "), hwcap2_names[i]);
    for (char *l = s; *l;) {
        char *nl = strchrnul(l, '\n');
        if (!strncmp(l, "processor\t: ", 12))
            procs++;
        if (!strncmp(l, "Features", 8)) {
            features++;
            if ((size_t)(nl - l) != strlen(want) || strncmp(l, want, strlen(want)))
                consistent = 0;
        }
        l = *nl ? nl + 1 : nl;
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    printf("cpuinfo processor lines = online cpus: %s\n", yesno(procs == online));
    printf("cpuinfo Features line per cpu: %s\n", yesno(features == procs && procs > 0));
    printf("cpuinfo Features = AT_HWCAP names: %s\n", yesno(features > 0 && consistent));
    printf("cpuinfo CPU architecture: 8: %s\n", yesno(strstr(s, "\nCPU architecture: 8\n") != NULL));
    free(s);
}

int main(int argc, char **argv)
{
    (void)argc;
    maps_checks(argv[0]);
    comm_checks();
    stat_checks();
    cpuinfo_checks();
    return 0;
}
