/* The -L lookup rule (documented in core/path.h and docs/usage.md): absolute
 * guest paths are tried under the prefix first, except /proc, /dev and /sys.
 * Only lstat is used to probe, so a lookup never opens or follows anything. */
#include "core/path.h"

#include <string.h>
#include <sys/stat.h>

#include "core/options.h"

bool path_is_host_only(const char *p)
{
    static const char *const keep[] = {"proc", "dev", "sys"};
    if (p[0] != '/')
        return false;
    while (*p == '/')
        p++;
    for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
        size_t n = strlen(keep[k]);
        if (strncmp(p, keep[k], n) == 0 && (p[n] == 0 || p[n] == '/'))
            return true;
    }
    return false;
}

const char *path_lookup_in(const char *prefix, const char *guest_path, char *buf, size_t cap)
{
    if (!prefix || !prefix[0] || guest_path[0] != '/' || path_is_host_only(guest_path))
        return guest_path;
    size_t plen = strlen(prefix);
    while (plen > 1 && prefix[plen - 1] == '/')
        plen--;
    if (plen == 1 && prefix[0] == '/')
        return guest_path; /* "-L /" is the host itself */
    size_t glen = strlen(guest_path);
    if (plen + glen + 1 > cap)
        return guest_path;
    memcpy(buf, prefix, plen);
    memcpy(buf + plen, guest_path, glen + 1);
    struct stat st;
    if (lstat(buf, &st) == 0)
        return buf;
    return guest_path;
}

const char *path_lookup(const char *guest_path, char *buf, size_t cap)
{
    return path_lookup_in(opt.ld_prefix, guest_path, buf, cap);
}
