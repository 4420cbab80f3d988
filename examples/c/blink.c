/* blink: a WASI command that toggles the Pico's LED (GPIO 25) ten times, 250 ms
 * per half period, then exits. Needs `--allow gpio=25 --allow clock`. */
#include <stdio.h>
#include "wasmcu.h"

#define TOGGLES 10
#define HALF_PERIOD_MS 250

int main(void) {
  wasmcu_gpio_mode(WASMCU_PICO_LED, WASMCU_OUTPUT);
  for (int i = 0; i < TOGGLES; i++) {
    wasmcu_gpio_write(WASMCU_PICO_LED, (i & 1) == 0 ? WASMCU_HIGH : WASMCU_LOW);
    wasmcu_delay(HALF_PERIOD_MS);
  }
  printf("blinked %d times\n", TOGGLES / 2);
  return 0;
}
