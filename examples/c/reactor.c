/* reactor: an Arduino-style module (built with -mexec-model=reactor): the
 * board calls setup() once, then loop() again and again. Needs `--allow clock`. */
#include <stdio.h>
#include "wasmcu.h"

#define LOUD_LOOPS 3

static int loops;
static int32_t started_ms;

__attribute__((export_name("setup"))) void setup(void) {
  /* A reactor never exits, so nothing would flush a full buffer: the C
   * library buffers stdout fully when it is not a terminal. */
  setvbuf(stdout, NULL, _IOLBF, 0);
  started_ms = wasmcu_millis();
  printf("setup: C reactor ready\n");
}

__attribute__((export_name("loop"))) void loop(void) {
  loops++;
  if (loops <= LOUD_LOOPS) {
    /* unsigned subtraction: right across the wrap-around of wasmcu_millis() */
    printf("loop %d at +%u ms\n", loops, (unsigned)(wasmcu_millis() - started_ms));
  }
  wasmcu_delay(100);
}
