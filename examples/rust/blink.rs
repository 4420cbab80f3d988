//! blink: a WASI command that toggles the Pico's LED (GPIO 25) ten times,
//! 250 ms per half period, then exits. Needs `--allow gpio=25 --allow clock`.

#[path = "wasmcu.rs"]
mod wasmcu;

const TOGGLES: u32 = 10;
const HALF_PERIOD_MS: u32 = 250;

fn main() {
    wasmcu::gpio_mode(wasmcu::PICO_LED, wasmcu::OUTPUT);
    for i in 0..TOGGLES {
        wasmcu::gpio_write(wasmcu::PICO_LED, i % 2 == 0);
        wasmcu::delay(HALF_PERIOD_MS);
    }
    println!("blinked {} times", TOGGLES / 2);
}
