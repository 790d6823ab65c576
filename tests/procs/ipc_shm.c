/* System V shared memory as the arm64 kernel documents it (shmget(2),
 * shmop(2), shmctl(2), proc(5)): a segment seen by parent and child after
 * fork, dropped by exec (the program execs itself), its /proc/self/maps
 * line, shmdt freeing exactly its range, the ctl structures field by field,
 * IPC_RMID while attached, SHM_RDONLY/SHM_RND/SHM_REMAP, bad arguments. */
#include "ipctest.h"

static const char *self_path;

static int shm_new(size_t size, int mode)
{
    return reg_shm(shmget(IPC_PRIVATE, size, IPC_CREAT | mode));
}

static int child_writes(void *p)
{
    *(volatile int *)p = 4242;
    return 0;
}

static void case_fork_shared(void)
{
    int id = shm_new(8192, 0600);
    EXPECT(id >= 0, "shmget: %s", strerror(errno));
    int *p = shmat(id, NULL, 0);
    EXPECT(p != (void *)-1, "shmat: %s", strerror(errno));
    if (id < 0 || p == (void *)-1)
        return;
    p[0] = 1;
    int st = ipc_child(child_writes, p);
    EXPECT(st == 0, "child %s", t_status(st));
    EXPECT(p[0] == 4242, "parent sees %d after the child wrote 4242", p[0]);
    /* a second attachment of the same segment is the same memory */
    int *q = shmat(id, NULL, 0);
    EXPECT(q != (void *)-1 && q != p, "second shmat: %s", strerror(errno));
    if (q != (void *)-1) {
        EXPECT(q[0] == 4242, "second attachment reads %d", q[0]);
        q[1] = 7;
        EXPECT(p[1] == 7, "write through one attachment not seen in the other");
        struct shmid_ds ds;
        EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 2, "nattch %lu, want 2",
               (unsigned long)ds.shm_nattch);
        EXPECT(shmdt(q) == 0, "shmdt second: %s", strerror(errno));
    }
    EXPECT(shmdt(p) == 0, "shmdt: %s", strerror(errno));
}

/* the exec'd image: the segment (argv[2]) is no longer attached here */
static int exec_child_main(int id)
{
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) != 0)
        return 10;
    if (ds.shm_nattch != 1) /* the parent's only */
        return 11;
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return 12;
    char line[512];
    int bad = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, "/SYSV"))
            bad = 13;
    fclose(f);
    return bad;
}

static void case_exec_detach(void)
{
    int id = shm_new(4096, 0600);
    void *p = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    EXPECT(p != (void *)-1, "shmat: %s", strerror(errno));
    if (p == (void *)-1)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        char ids[32];
        snprintf(ids, sizeof ids, "%d", id);
        execl(self_path, self_path, "exec-child", ids, (char *)NULL);
        _exit(127);
    }
    int st = t_waitpid(pid, T_WAIT_S);
    EXPECT(st == 0, "exec'd child %s (10: no segment, 11: still attached, 12: no maps, 13: a "
                    "/SYSV line)", t_status(st));
    struct shmid_ds ds;
    EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 1, "nattch after the exec %lu",
           (unsigned long)ds.shm_nattch);
    shmdt(p);
}

static void case_maps_line(void)
{
    key_t key = ipc_unique_key(1);
    int id = reg_shm(shmget(key, 3 * 4096, IPC_CREAT | IPC_EXCL | 0600));
    EXPECT(id >= 0, "shmget key %#x: %s", (unsigned)key, strerror(errno));
    char *p = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    EXPECT(p != (void *)-1, "shmat: %s", strerror(errno));
    if (p == (void *)-1)
        return;
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512], want_name[64];
    snprintf(want_name, sizeof want_name, "/SYSV%08x (deleted)", (unsigned)key);
    int found = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long s, e, off, ino;
        char perms[8], name[256] = "";
        unsigned maj, min;
        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %255[^\n]", &s, &e, perms, &off, &maj, &min, &ino,
                   name) < 7)
            continue;
        if (s != (unsigned long)p)
            continue;
        found = 1;
        EXPECT(e - s == 3 * 4096, "mapping length %lu", e - s);
        EXPECT(!strcmp(perms, "rw-s"), "perms %s, want rw-s", perms);
        EXPECT(off == 0, "offset %lx", off);
        EXPECT(ino == (unsigned long)id, "inode %lu, want the id %d", ino, id);
        EXPECT(!strcmp(name, want_name), "name '%s', want '%s'", name, want_name);
    }
    if (f)
        fclose(f);
    EXPECT(found, "no maps line starts at %p", (void *)p);
    shmdt(p);
}

static int child_touch(void *p)
{
    t_handle(SIGSEGV, SIG_DFL, 0);
    return *(volatile char *)p;
}

static void case_shmdt_reuse(void)
{
    int id = shm_new(2 * 4096, 0600);
    char *p = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    EXPECT(p != (void *)-1, "shmat: %s", strerror(errno));
    if (p == (void *)-1)
        return;
    p[0] = 1;
    EXPECT(shmdt(p + 4096) == -1 && errno == EINVAL, "shmdt in the middle: %s", strerror(errno));
    EXPECT(shmdt(p) == 0, "shmdt: %s", strerror(errno));
    int st = ipc_child(child_touch, p);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "touching the detached range: %s",
           t_status(st));
    EXPECT(shmdt(p) == -1 && errno == EINVAL, "second shmdt: %s", strerror(errno));
    /* the range is free: a MAP_FIXED_NOREPLACE mapping gets it */
    void *m = mmap(p, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    EXPECT(m == p, "mmap NOREPLACE over the detached range: %s", m == MAP_FAILED ? strerror(errno) : "moved");
    /* a busy range: EINVAL without SHM_REMAP, replaced with it */
    if (m == p) {
        errno = 0;
        EXPECT(shmat(id, p, 0) == (void *)-1 && errno == EINVAL, "shmat over a mapping: %s",
               strerror(errno));
        char *r = shmat(id, p, SHM_REMAP);
        EXPECT(r == p, "shmat SHM_REMAP: %s", strerror(errno));
        if (r == p) {
            EXPECT(r[0] == 1, "the remapped range reads %d, not the segment", r[0]);
            EXPECT(shmdt(r) == 0, "shmdt after SHM_REMAP: %s", strerror(errno));
        }
        /* after munmap of the first page, shmdt(p) finds the second piece */
        r = shmat(id, p, SHM_REMAP);
        if (r == p) {
            munmap(r, 4096);
            EXPECT(shmdt(p) == 0, "shmdt of a partly unmapped attachment: %s", strerror(errno));
            struct shmid_ds ds;
            EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 0, "nattch %lu after it",
                   (unsigned long)ds.shm_nattch);
        }
    }
}

static void case_ctl_fields(void)
{
    int id = shm_new(10000, 0640);
    EXPECT(id >= 0, "shmget: %s", strerror(errno));
    if (id < 0)
        return;
    struct shmid_ds ds;
    memset(&ds, 0xa5, sizeof ds);
    EXPECT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
    EXPECT(ds.shm_perm.uid == geteuid() && ds.shm_perm.cuid == geteuid(), "uid %u cuid %u",
           ds.shm_perm.uid, ds.shm_perm.cuid);
    EXPECT(ds.shm_perm.gid == getegid() && ds.shm_perm.cgid == getegid(), "gid %u cgid %u",
           ds.shm_perm.gid, ds.shm_perm.cgid);
    EXPECT((ds.shm_perm.mode & 0777) == 0640, "mode %o", ds.shm_perm.mode);
    EXPECT(ds.shm_perm.__key == IPC_PRIVATE, "key %#x", (unsigned)ds.shm_perm.__key);
    EXPECT(ds.shm_segsz == 10000, "segsz %zu", ds.shm_segsz);
    EXPECT(ds.shm_cpid == getpid() && ds.shm_lpid == 0, "cpid %d lpid %d", ds.shm_cpid, ds.shm_lpid);
    EXPECT(ds.shm_nattch == 0 && ds.shm_atime == 0, "nattch %lu atime %ld",
           (unsigned long)ds.shm_nattch, (long)ds.shm_atime);
    EXPECT(ds.shm_ctime > 0, "ctime %ld", (long)ds.shm_ctime);
    void *p = shmat(id, NULL, 0);
    EXPECT(p != (void *)-1, "shmat: %s", strerror(errno));
    EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 1 && ds.shm_lpid == getpid() &&
               ds.shm_atime > 0,
           "after shmat: nattch %lu lpid %d atime %ld", (unsigned long)ds.shm_nattch, ds.shm_lpid,
           (long)ds.shm_atime);
    ds.shm_perm.mode = 0600;
    EXPECT(shmctl(id, IPC_SET, &ds) == 0, "IPC_SET: %s", strerror(errno));
    EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & 0777) == 0600, "mode after IPC_SET %o",
           ds.shm_perm.mode);
    struct shminfo si;
    int maxidx = shmctl(0, IPC_INFO, (struct shmid_ds *)&si);
    EXPECT(maxidx >= 0 && si.shmmax > 0 && si.shmmni > 0, "IPC_INFO %d shmmax %lu", maxidx,
           (unsigned long)si.shmmax);
    struct shm_info sinfo;
    int used = shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo);
    EXPECT(used >= 0 && sinfo.used_ids >= 1, "SHM_INFO %d used_ids %d", used, sinfo.used_ids);
    int found = 0;
    for (int i = 0; i <= maxidx && !found; i++) {
        struct shmid_ds d2;
        if (shmctl(i, SHM_STAT_ANY, &d2) == id) {
            found = 1;
            EXPECT(d2.shm_segsz == 10000 && d2.shm_cpid == getpid(), "SHM_STAT_ANY segsz %zu",
                   d2.shm_segsz);
            EXPECT(shmctl(i, SHM_STAT, &d2) == id, "SHM_STAT: %s", strerror(errno));
        }
    }
    EXPECT(found, "SHM_STAT_ANY over 0..%d never gave id %d", maxidx, id);
    /* arm64: IPC_64 is not stripped from the command */
    errno = 0;
    EXPECT(shmctl(id, IPC_STAT | 0x100, &ds) == -1 && errno == EINVAL, "IPC_64|IPC_STAT: %s",
           strerror(errno));
    EXPECT(shmctl(id, IPC_STAT, (struct shmid_ds *)8) == -1 && errno == EFAULT, "IPC_STAT to a wild "
           "pointer: %s", strerror(errno));
    EXPECT(shmctl(id, 99, &ds) == -1 && errno == EINVAL, "cmd 99: %s", strerror(errno));
    shmdt(p);
}

static void case_rmid_attached(void)
{
    int id = shm_new(4096, 0600);
    int *p = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    EXPECT(p != (void *)-1, "shmat: %s", strerror(errno));
    if (p == (void *)-1)
        return;
    p[0] = 5;
    EXPECT(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
    struct shmid_ds ds;
    EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & SHM_DEST), "after IPC_RMID: %s mode %o",
           strerror(errno), ds.shm_perm.mode);
    p[1] = 6;
    EXPECT(p[0] + p[1] == 11, "memory of a removed segment");
    EXPECT(shmdt(p) == 0, "shmdt: %s", strerror(errno));
    errno = 0;
    EXPECT(shmctl(id, IPC_STAT, &ds) == -1 && (errno == EINVAL || errno == EIDRM),
           "the segment outlived its last detach: %s", strerror(errno));
}

static int child_write_ro(void *p)
{
    t_handle(SIGSEGV, SIG_DFL, 0);
    *(volatile char *)p = 1;
    return 0;
}

static void case_flags(void)
{
    int id = shm_new(2 * 4096, 0600);
    if (id < 0) {
        t_note("shmget: %s", strerror(errno));
        return;
    }
    char *ro = shmat(id, NULL, SHM_RDONLY);
    EXPECT(ro != (void *)-1, "SHM_RDONLY: %s", strerror(errno));
    if (ro != (void *)-1) {
        int st = ipc_child(child_write_ro, ro);
        EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "write to SHM_RDONLY: %s", t_status(st));
        shmdt(ro);
    }
    /* a free spot: map and unmap to learn one */
    char *spot = mmap(NULL, 8 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(spot, 8 * 4096);
    errno = 0;
    EXPECT(shmat(id, spot + 4096 + 123, 0) == (void *)-1 && errno == EINVAL, "misaligned: %s",
           strerror(errno));
    char *r = shmat(id, spot + 4096 + 123, SHM_RND);
    EXPECT(r == spot + 4096, "SHM_RND gave %p, want %p", (void *)r, (void *)(spot + 4096));
    if (r != (void *)-1)
        shmdt(r);
    errno = 0;
    EXPECT(shmat(id, NULL, SHM_REMAP) == (void *)-1 && errno == EINVAL, "SHM_REMAP without an "
           "address: %s", strerror(errno));
    errno = 0;
    EXPECT(shmat(-1, NULL, 0) == (void *)-1 && errno == EINVAL, "shmat(-1): %s", strerror(errno));
    errno = 0;
    EXPECT(shmdt(spot + 5) == -1 && errno == EINVAL, "shmdt misaligned: %s", strerror(errno));
}

/* pvm's rule: unknown flag bits are EINVAL (the kernel ignores them) */
static void case_unknown_bits(void)
{
    errno = 0;
    EXPECT(reg_shm(shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600 | 0x100000)) == -1 && errno == EINVAL,
           "shmget with bit 0x100000: %s", strerror(errno));
    int id = shm_new(4096, 0600);
    errno = 0;
    EXPECT(id >= 0 && shmat(id, NULL, 0x200000) == (void *)-1 && errno == EINVAL,
           "shmat with bit 0x200000: %s", strerror(errno));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 3 && !strcmp(argv[1], "exec-child"))
        return exec_child_main(atoi(argv[2]));
    self_path = "/proc/self/exe";
    ipc_reg_init();
    ipc_case("fork_shared", case_fork_shared);
    ipc_case("exec_detach", case_exec_detach);
    ipc_case("maps_line", case_maps_line);
    ipc_case("shmdt_reuse", case_shmdt_reuse);
    ipc_case("ctl_fields", case_ctl_fields);
    ipc_case("rmid_attached", case_rmid_attached);
    ipc_case("flags", case_flags);
    ipc_case("unknown_bits", case_unknown_bits);
    return 0;
}
