/* /proc/<self>/stat and status, and /proc/cpuinfo, as the guest sees them.
 * stat and status start from the host's file (pid, state, counters and
 * limits are the process's own, and so is the comm: the host thread's name
 * is the guest's, syscalls/psview.h) and replace what measures pvm: the
 * code/data/stack/brk/argument addresses (guest addresses, from the
 * program headers the guest has in memory), the virtual sizes (the guest's
 * mappings, not pvm's whole reservation) and status's signal sets (the
 * guest's dispositions and masks, not pvm's host handlers). Another pvm
 * process's stat is the host's with every address field 0 (as the kernel
 * shows to a reader without access): its guest layout is not known here.
 * cpuinfo is the arm64 kernel's format with the selected CPU model's MIDR
 * fields and the HWCAP names it advertises (core/cpumodel.h). */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpumodel.h"
#include "core/mem.h"
#include "core/process.h"
#include "syscalls/procfs.h"

/* ---- cpuinfo ---- */

/* the kernel's BogoMIPS for a timer-calibrated delay loop: 2 * CNTFRQ / 1e6,
 * with CNTFRQ_EL0 = 1 GHz (interp/branch.h) */
#define CPUINFO_BOGOMIPS "2000.00"

void procfs_cpuinfo_features(FILE *f)
{
    fputs("Features\t:", f);
    cpumodel_print_features(f, cpumodel_current());
    fputc('\n', f);
}

void procfs_cpuinfo_gen(FILE *f, const int *ids, int ncpu)
{
    /* what the guest is told it runs on: the model's core (max: an Armv9.0
     * Cortex-A710 r2p0, an Arm core with every feature pvm implements) */
    const struct cpumodel *m = cpumodel_current();
    for (int i = 0; i < ncpu; i++) {
        fprintf(f, "processor\t: %d\n", ids[i]);
        fprintf(f, "BogoMIPS\t: %s\n", CPUINFO_BOGOMIPS);
        procfs_cpuinfo_features(f);
        fprintf(f, "CPU implementer\t: 0x%02x\n", m->implementer);
        fputs("CPU architecture: 8\n", f);
        fprintf(f, "CPU variant\t: 0x%x\n", m->variant);
        fprintf(f, "CPU part\t: 0x%03x\n", m->part);
        fprintf(f, "CPU revision\t: %d\n\n", m->revision);
    }
}

/* ---- the program's layout, as the kernel's ELF loader records it ---- */

struct stat_layout {
    uint64_t start_code, end_code, start_data, end_data;
};

static uint64_t stat_auxv(uint64_t key)
{
    for (uint64_t a = gproc.auxv; a && a + 16 <= gproc.auxv + gproc.auxv_len; a += 16) {
        uint64_t kv[2];
        if (!mem_copy_from_guest(kv, a, sizeof kv) || kv[0] == 0)
            break;
        if (kv[0] == key)
            return kv[1];
    }
    return 0;
}

/* start_code/end_code span the executable PT_LOADs (vaddr .. vaddr+filesz);
 * start_data is the highest PT_LOAD's vaddr, end_data the highest file end
 * (load_elf_binary's rules). Zero when the headers are unreadable. */
static void stat_layout(struct stat_layout *l)
{
    memset(l, 0, sizeof *l);
    uint64_t phnum = stat_auxv(AT_PHNUM);
    if (!gproc.phdr || phnum == 0 || phnum > 4096)
        return;
    uint64_t sc = ~0ull, ec = 0, sd = 0, ed = 0;
    for (uint64_t i = 0; i < phnum; i++) {
        Elf64_Phdr ph;
        if (!mem_copy_from_guest(&ph, gproc.phdr + i * sizeof ph, sizeof ph))
            return;
        if (ph.p_type != PT_LOAD)
            continue;
        uint64_t k = ph.p_vaddr;
        if ((ph.p_flags & PF_X) && k < sc)
            sc = k;
        if (sd < k)
            sd = k;
        k = ph.p_vaddr + ph.p_filesz;
        if ((ph.p_flags & PF_X) && ec < k)
            ec = k;
        if (ed < k)
            ed = k;
    }
    if (sc == ~0ull)
        sc = 0;
    uint64_t b = gproc.load_bias;
    l->start_code = sc + b;
    l->end_code = ec + b;
    l->start_data = sd + b;
    l->end_data = ed + b;
}

/* ---- stat ---- */

#define STAT_MAX_FIELDS 64

/* the address fields of stat (1-based): startcode, endcode, startstack,
 * kstkesp, kstkeip, start_data, end_data, start_brk, arg_start, arg_end,
 * env_start, env_end */
static const int stat_addr_fields[] = {26, 27, 28, 29, 30, 45, 46, 47, 48, 49, 50, 51};
#define STAT_NADDR (sizeof stat_addr_fields / sizeof stat_addr_fields[0])

/* Writes host_path's stat with the address fields (and vsize, field 23)
 * replaced by val[] (STAT_NADDR + 1 values, vsize last; NULL: vsize kept,
 * addresses 0). */
static int stat_emit(FILE *f, const char *host_path, const uint64_t *val)
{
    size_t len;
    char *buf = procfs_read_host(host_path, &len);
    if (!buf)
        return errno ? -errno : -ENOMEM;
    /* "pid (comm) field3 ...": comm may hold spaces and parentheses */
    char *open = strchr(buf, '('), *close = strrchr(buf, ')');
    if (!open || !close || close < open || close[1] != ' ') {
        free(buf);
        return -EIO;
    }
    *open = 0;
    *close = 0;
    char *fields[STAT_MAX_FIELDS + 3] = {0};
    int n = 3; /* fields[k] is the kernel's field k (1-based) */
    for (char *p = close + 2, *save = NULL, *t; n < STAT_MAX_FIELDS + 3; p = NULL) {
        t = strtok_r(p, " \n", &save);
        if (!t)
            break;
        fields[n++] = t;
    }
    char num[STAT_NADDR + 1][24];
    for (size_t i = 0; i <= STAT_NADDR; i++) {
        int k = i < STAT_NADDR ? stat_addr_fields[i] : 23;
        if (k >= n)
            continue;
        if (!val) {
            if (k != 23)
                fields[k] = "0";
            continue;
        }
        /* the kernel hides addresses (prints 0) from readers without
         * access; kstkesp/kstkeip are 0 unless the task is dumping core */
        if (strcmp(fields[k], "0") != 0 || k == 29 || k == 30) {
            snprintf(num[i], sizeof num[i], "%" PRIu64, val[i]);
            fields[k] = num[i];
        }
    }
    fprintf(f, "%s(%s)", buf, open + 1);
    for (int k = 3; k < n; k++)
        fprintf(f, " %s", fields[k]);
    fputc('\n', f);
    free(buf);
    return 0;
}

int procfs_gen_stat(FILE *f, const char *host_path)
{
    struct procfs_vm_sums sums;
    procfs_vm_sums(&sums);
    struct stat_layout lay;
    stat_layout(&lay);
    /* in stat_addr_fields order, then vsize */
    const uint64_t val[STAT_NADDR + 1] = {
        lay.start_code,  lay.end_code,     gproc.sp,       0,
        0,               lay.start_data,   lay.end_data,   gproc.brk_start,
        gproc.argv_start, gproc.argv_end,  gproc.env_start, gproc.env_end,
        sums.total,
    };
    return stat_emit(f, host_path, val);
}

int procfs_gen_stat_other(FILE *f, const char *host_path)
{
    return stat_emit(f, host_path, NULL);
}

/* ---- status ---- */

/* the largest VmSize any status showed: process-wide, raised atomically */
static uint64_t status_peak;

static uint64_t status_peak_raise(uint64_t total)
{
    uint64_t peak = __atomic_load_n(&status_peak, __ATOMIC_RELAXED);
    while (total > peak &&
           !__atomic_compare_exchange_n(&status_peak, &peak, total, true, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED)) {
    }
    return total > peak ? total : peak;
}

static void status_kb(FILE *f, const char *key, uint64_t bytes)
{
    fprintf(f, "%s\t%8" PRIu64 " kB\n", key, bytes >> 10);
}

/* A Sig* line of the host's status as the guest's (16 hex digits, as the
 * kernel renders a 64-signal set); false for any other line, or for a
 * thread's own set pvm does not know (the host's line stays). SigQ (queued
 * signals against RLIMIT_SIGPENDING) is the process's on the host too. */
static bool status_sig_line(FILE *f, const char *line, const struct procfs_sigsets *s)
{
    /* pending sets: the host's own split (this thread's, the process's)
     * plus what pvm holds for the thread (a signal taken, not yet delivered) */
    const struct {
        const char *key;
        uint64_t v;
        bool per_thread, or_host;
    } keys[] = {
        {"SigPnd:", s->pending, true, true}, {"ShdPnd:", 0, false, true},
        {"SigBlk:", s->blocked, true, false}, {"SigIgn:", s->ignored, false, false},
        {"SigCgt:", s->caught, false, false},
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        if (strncmp(line, keys[k].key, 7))
            continue;
        if (keys[k].per_thread && !s->thread_known)
            return false;
        uint64_t v = keys[k].v;
        if (keys[k].or_host)
            v |= strtoull(line + 7, NULL, 16);
        fprintf(f, "%s\t%016" PRIx64 "\n", keys[k].key, v);
        return true;
    }
    return false;
}

int procfs_gen_status(FILE *f, const char *host_path, const struct procfs_sigsets *sigs)
{
    size_t len;
    char *buf = procfs_read_host(host_path, &len);
    if (!buf)
        return -errno ? -errno : -ENOMEM;
    struct procfs_vm_sums sums;
    procfs_vm_sums(&sums);
    uint64_t peak = status_peak_raise(sums.total);
    struct stat_layout lay;
    stat_layout(&lay);
    uint64_t text = ((lay.end_code + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK) -
                    (lay.start_code & ~GUEST_PAGE_MASK);
    if (lay.end_code < lay.start_code)
        text = 0;
    uint64_t lib = sums.exec > text ? sums.exec - text : 0;
    for (char *line = buf, *next; *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = 0;
        if (!strncmp(line, "VmPeak:", 7))
            status_kb(f, "VmPeak:", peak);
        else if (!strncmp(line, "VmSize:", 7))
            status_kb(f, "VmSize:", sums.total);
        else if (!strncmp(line, "VmData:", 7))
            status_kb(f, "VmData:", sums.data);
        else if (!strncmp(line, "VmStk:", 6))
            status_kb(f, "VmStk:", sums.stack);
        else if (!strncmp(line, "VmExe:", 6))
            status_kb(f, "VmExe:", text);
        else if (!strncmp(line, "VmLib:", 6))
            status_kb(f, "VmLib:", lib);
        else if (!strncmp(line, "untag_mask:", 11) || !strncmp(line, "x86_", 4))
            continue; /* x86-only lines (LAM, shadow stacks): no arm64 kernel has them */
        else if (sigs && status_sig_line(f, line, sigs))
            continue;
        else
            fprintf(f, "%s\n", line);
    }
    free(buf);
    return 0;
}
