/* The "#!interp [arg]" first line of a script, parsed by the kernel's rules
 * (fs/binfmt_script.c's behaviour, as documented in execve(2)): blanks after
 * "#!" skipped, the interpreter up to the next blank, the rest of the line one
 * optional argument with its surrounding blanks removed. One parser for the
 * guest's execve (syscalls/proc_exec.c) and pvm --root's fallback start
 * (engine/root.c), so both follow the same rule. */
#ifndef PVM_CORE_SHEBANG_H
#define PVM_CORE_SHEBANG_H

#include <stdbool.h>
#include <string.h>

/* the kernel reads this much of a file to look for the "#!" line */
#define SHEBANG_BUF 256

/* head: the file's first got bytes, changed in place (NULs end the parts);
 * true with interp and arg (NULL for none) set, false when the bytes are no
 * "#!" line or the line has no interpreter or does not end within
 * SHEBANG_BUF bytes */
static inline bool shebang_parse(char *head, size_t got, char **interp, char **arg)
{
    if (got < 2 || head[0] != '#' || head[1] != '!')
        return false;
    char *end = memchr(head, '\n', got);
    if (!end) {
        if (got >= SHEBANG_BUF - 1)
            return false;
        end = head + got;
    }
    *end = 0;
    char *p = head + 2;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return false;
    *interp = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    *arg = NULL;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        char *e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            *--e = 0;
        if (*p)
            *arg = p;
    }
    return true;
}

#endif
