/* The --binfmt-register, --binfmt-unregister and --binfmt-status commands
 * (engine/binfmt.c): pvm's entry in the kernel's binfmt_misc table. */
#ifndef PVM_ENGINE_BINFMT_H
#define PVM_ENGINE_BINFMT_H

/* Runs the command options_parse found (opt.binfmt_cmd and its --flags,
 * --name, --path, --print). Returns the exit status: 0 done (status: the
 * entry is there and enabled), 1 refused or failed (one "pvm: " line),
 * 3 (status only) the entry is missing or disabled. */
int binfmt_command(void);

#endif
