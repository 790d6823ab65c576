/* The -L rule (opt.ld_prefix): which host path stands for a guest path.
 *
 *   - No prefix (opt.ld_prefix NULL or empty): the guest path itself.
 *   - A relative path: unchanged (what it is relative to is the caller's
 *     business: syscalls/fs_path.c resolves dirfds and the cwd first).
 *   - An absolute path under /proc, /dev or /sys (exact first component,
 *     leading slashes collapsed: "/proc", "//proc/x", but not "/procx"):
 *     the host's, unchanged.
 *   - Any other absolute path P: PREFIX + P when lstat(PREFIX + P) succeeds
 *     (a dangling symlink inside the prefix counts as existing), else P.
 *     Trailing slashes of PREFIX are ignored. When PREFIX + P does not fit
 *     in cap bytes, P is used (the host would refuse the long name anyway).
 *
 * Invariant: the result is never NULL; it is either guest_path or buf. */
#ifndef PVM_CORE_PATH_H
#define PVM_CORE_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Host path for guest_path under opt.ld_prefix (rule above). */
const char *path_lookup(const char *guest_path, char *buf, size_t cap);

/* Same rule with an explicit prefix (NULL or "" = none); path_lookup is
 * path_lookup_in(opt.ld_prefix, ...). */
const char *path_lookup_in(const char *prefix, const char *guest_path, char *buf, size_t cap);

/* true when the absolute guest path is under /proc, /dev or /sys */
bool path_is_host_only(const char *guest_path);

#endif
