/* wasmcu-exec, the posix port's program: one translation unit made of the C
 * that stc generates from exec.ts (built with --no-main, found on the include
 * path as "wasmcu-exec.c"), this port's HAL and its own natives.
 *
 *   stc build ports/posix/exec.ts -o BUILD/wasmcu-exec.c --no-main
 *   gcc -std=c99 -O2 -DNDEBUG -D_GNU_SOURCE -I BUILD ports/posix/main.c -o wasmcu-exec -lm
 *
 * tools/lib/engines.mjs does this (and caches the binary). */
#include "wasmcu-exec.c"
#include "hal.c"
#include "natives.c"

#include <signal.h>

int main(int argc, char **argv) {
  /* a closed stdout is an error the module sees (EIO from fd_write), not a signal that kills the engine */
  signal(SIGPIPE, SIG_IGN);
  posix__argc = argc;
  posix__argv = argv;
  sts_main();
  fflush(stdout);
  return 0;
}
