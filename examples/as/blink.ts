// blink: a WASI command that toggles the Pico's LED (GPIO 25) ten times, 250 ms
// per half period, then exits. Needs `--allow gpio=25 --allow clock`.
import { PICO_LED, OUTPUT, gpio_mode, gpio_write, delay, println } from "./wasmcu";

const TOGGLES = 10;
const HALF_PERIOD_MS: u32 = 250;

gpio_mode(PICO_LED, OUTPUT);
for (let i = 0; i < TOGGLES; i++) {
  gpio_write(PICO_LED, (i & 1) == 0 ? 1 : 0);
  delay(HALF_PERIOD_MS);
}
println("blinked " + (TOGGLES / 2).toString() + " times");
