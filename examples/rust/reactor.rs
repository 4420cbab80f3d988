//! reactor: an Arduino-style module (a cdylib: no main): the board calls
//! `setup()` once, then `loop()` again and again. Needs `--allow clock`.

#[path = "wasmcu.rs"]
mod wasmcu;

use std::sync::atomic::{AtomicU32, Ordering};

const LOUD_LOOPS: u32 = 3;

// Plain statics would need `unsafe`; wasm32 has one thread, so Relaxed is all.
static LOOPS: AtomicU32 = AtomicU32::new(0);
static STARTED_MS: AtomicU32 = AtomicU32::new(0);

#[no_mangle]
pub extern "C" fn setup() {
    STARTED_MS.store(wasmcu::millis(), Ordering::Relaxed);
    println!("setup: Rust reactor ready");
}

#[no_mangle]
pub extern "C" fn r#loop() {
    let n = LOOPS.fetch_add(1, Ordering::Relaxed) + 1;
    if n <= LOUD_LOOPS {
        // wrapping_sub: right across millis()'s wrap-around
        let elapsed = wasmcu::millis().wrapping_sub(STARTED_MS.load(Ordering::Relaxed));
        println!("loop {} at +{} ms", n, elapsed);
    }
    wasmcu::delay(100);
}
