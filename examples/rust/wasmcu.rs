//! The board functions a module imports from "wasmcu" (see examples/README.md),
//! with safe wrappers. Each example includes this file with
//! `#[path = "wasmcu.rs"] mod wasmcu;` (no Cargo: rustc builds one file).
//!
//! Capabilities: GPIO functions need `--allow gpio=<pins>` at push time,
//! millis/micros/delay need `--allow clock`; log is always allowed.
#![allow(dead_code)]

/// Pin modes for `gpio_mode`.
pub const INPUT: i32 = 0;
pub const OUTPUT: i32 = 1;
pub const INPUT_PULLUP: i32 = 2;
pub const INPUT_PULLDOWN: i32 = 3;

/// The on-board LED of a Raspberry Pi Pico.
pub const PICO_LED: i32 = 25;

mod raw {
    #[link(wasm_import_module = "wasmcu")]
    extern "C" {
        pub fn gpio_mode(pin: i32, mode: i32) -> i32;
        pub fn gpio_write(pin: i32, level: i32) -> i32;
        pub fn gpio_read(pin: i32) -> i32;
        pub fn millis() -> i32;
        pub fn micros() -> i64;
        pub fn delay(ms: i32);
        pub fn log(ptr: *const u8, len: i32);
    }
}

/// Sets a pin's mode; 0 = ok, -1 = an unknown mode or one the board cannot give
/// that pin. A pin not granted to the module traps.
pub fn gpio_mode(pin: i32, mode: i32) -> i32 {
    unsafe { raw::gpio_mode(pin, mode) }
}

/// Drives an output pin: `true` = high; 0 = ok.
pub fn gpio_write(pin: i32, high: bool) -> i32 {
    unsafe { raw::gpio_write(pin, high as i32) }
}

/// Reads a pin's level.
pub fn gpio_read(pin: i32) -> bool {
    unsafe { raw::gpio_read(pin) != 0 }
}

/// Milliseconds since the board started; wraps around like Arduino's millis().
pub fn millis() -> u32 {
    unsafe { raw::millis() as u32 }
}

/// Microseconds since the board started.
pub fn micros() -> u64 {
    unsafe { raw::micros() as u64 }
}

/// Waits `ms` milliseconds; the board serves the host and other modules meanwhile.
pub fn delay(ms: u32) {
    unsafe { raw::delay(ms as i32) }
}

/// Sends one log record holding `text`.
pub fn log(text: &str) {
    unsafe { raw::log(text.as_ptr(), text.len() as i32) }
}
