/* The CPU model table (core/cpumodel.h) and the process-wide selection.
 * Invariant: cpumodel_adv[] always holds the selected model's advertised
 * words (real set & implemented set), so cpumodel_has is two loads. */
#include "core/cpumodel.h"

#include <string.h>

const struct cpumodel cpumodel_table[CPUMODEL_COUNT] = {
#define X(id, nm, impl, var, part, rev, hw, hw2) [CPUMODEL_##id] = {nm, impl, var, part, rev, hw, hw2},
    CPUMODEL_TABLE(X)
#undef X
};

static int cpumodel_sel = CPUMODEL_MAX;
/* advertised HWCAP, HWCAP2 of the selected model; filled on first use */
static uint64_t cpumodel_adv[2];
static bool cpumodel_adv_set;

uint64_t cpumodel_hwcap_of(const struct cpumodel *m) { return m->hwcap & hwcap_a64(); }
uint64_t cpumodel_hwcap2_of(const struct cpumodel *m) { return m->hwcap2 & hwcap2_a64(); }

static inline void cpumodel_load(void)
{
    if (cpumodel_adv_set)
        return;
    cpumodel_adv[0] = cpumodel_hwcap_of(&cpumodel_table[cpumodel_sel]);
    cpumodel_adv[1] = cpumodel_hwcap2_of(&cpumodel_table[cpumodel_sel]);
    cpumodel_adv_set = true;
}

int cpumodel_find(const char *name)
{
    for (int k = 0; k < CPUMODEL_COUNT; k++)
        if (!strcmp(name, cpumodel_table[k].name))
            return k;
    return -1;
}

void cpumodel_select(int id)
{
    if (id < 0 || id >= CPUMODEL_COUNT)
        return;
    cpumodel_sel = id;
    cpumodel_adv_set = false;
    cpumodel_load();
}

const struct cpumodel *cpumodel_current(void) { return &cpumodel_table[cpumodel_sel]; }

uint64_t cpumodel_hwcap(void)
{
    cpumodel_load();
    return cpumodel_adv[0];
}

uint64_t cpumodel_hwcap2(void)
{
    cpumodel_load();
    return cpumodel_adv[1];
}

bool cpumodel_has(unsigned feat)
{
    cpumodel_load();
    return feat < HWCAP_FEAT_COUNT && (cpumodel_adv[feat >> 6] >> (feat & 63) & 1);
}

void cpumodel_print_features(FILE *f, const struct cpumodel *m)
{
    uint64_t hw = cpumodel_hwcap_of(m), hw2 = cpumodel_hwcap2_of(m);
#define X(name, bit, str) \
    if (hw >> (bit) & 1)        \
        fputs(" " str, f);
    HWCAP_TABLE(X)
#undef X
#define X(name, bit, str) \
    if (hw2 >> (bit) & 1)       \
        fputs(" " str, f);
    HWCAP2_TABLE(X)
#undef X
}

const char *cpumodel_feature_name(unsigned feat)
{
    switch (feat) {
#define X(name, bit, str) case HWCAP_FEAT_##name: return str;
        HWCAP_TABLE(X)
        HWCAP2_TABLE(X)
#undef X
    default: return "?";
    }
}

const char *cpumodel_names(void)
{
    static const char names[] =
#define X(id, nm, impl, var, part, rev, hw, hw2) nm ", "
        CPUMODEL_TABLE(X)
#undef X
        ;
    static char out[sizeof names];
    memcpy(out, names, sizeof names);
    out[sizeof names - 3] = 0; /* drop the last ", " */
    return out;
}
