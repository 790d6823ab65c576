/* The --binfmt-register, --binfmt-unregister and --binfmt-status commands
 * (engine/binfmt.c): pvm's entry in the kernel's binfmt_misc table. */
#ifndef PVM_ENGINE_BINFMT_H
#define PVM_ENGINE_BINFMT_H

/* Runs the command options_parse found (opt.binfmt_cmd and its --flags,
 * --name, --path, --print). Returns the exit status: 0 done (status: the
 * entry is there and enabled), 1 refused or failed (one "pvm: " line),
 * 3 (status only) the entry is missing or disabled. */
int binfmt_command(void);

/* Writes pvm's entry NAME (pvm's magic and mask, interpreter INTERP, the
 * BINFMT_FLAG_* flags) into the binfmt_misc instance mounted at DIR, as
 * --binfmt-register would but without its checks or messages (--root's
 * private instance, engine/root.c). Returns 0 or an errno: EINVAL when
 * INTERP cannot be written in an entry. */
int binfmt_register_in(const char *dir, const char *name, const char *interp, unsigned flags);

#endif
