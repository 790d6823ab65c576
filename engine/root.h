/* pvm --root DIR PROGRAM [ARGS...] (engine/root.c; docs/design.md
 * "pvm --root"): PROGRAM run inside DIR, an arm64 root, in a user and mount
 * namespace of its own, every exec in it followed. */
#ifndef PVM_ENGINE_ROOT_H
#define PVM_ENGINE_ROOT_H

/* Sets up the root opt.root names and execs opt.program inside it, with
 * opt.guest_argv and opt.guest_envp; does not return. A bad DIR is one
 * "pvm: --root: " line and status 2, a set-up failure status 1, PROGRAM
 * missing inside 127, not executable 126. */
_Noreturn int root_run(void);

#endif
