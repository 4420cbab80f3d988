/*
 * wasmcu.h: the board functions a WebAssembly module imports from the
 * "wasmcu" module when it runs on a wasmcu device (see examples/README.md).
 *
 * Each declaration only names an import: the linker leaves it undefined and
 * the module's import section says "wasmcu" / <name>. The C names carry a
 * wasmcu_ prefix (C has one namespace, and log() is math.h's); the import
 * names do not. Everything else (printing, exit, clocks) goes through WASI
 * (wasi_snapshot_preview1), i.e. the C library as usual.
 *
 * Capabilities: a module importing a GPIO function needs `--allow gpio=<pins>`
 * when it is pushed, one importing millis/micros/delay needs `--allow clock`;
 * otherwise the board refuses it at instantiation. log() is always allowed.
 *
 * Build with: clang-19 --target=wasm32-wasi -Os -I examples/include ...
 */
#ifndef WASMCU_H
#define WASMCU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASMCU_IMPORT(name) __attribute__((import_module("wasmcu"), import_name(name)))

/* Pin modes for wasmcu_gpio_mode(). */
#define WASMCU_INPUT 0
#define WASMCU_OUTPUT 1
#define WASMCU_INPUT_PULLUP 2
#define WASMCU_INPUT_PULLDOWN 3

/* Pin levels. */
#define WASMCU_LOW 0
#define WASMCU_HIGH 1

/* The on-board LED of a Raspberry Pi Pico. */
#define WASMCU_PICO_LED 25

/* Sets a pin's mode (WASMCU_INPUT...); 0 = ok, -1 = an unknown mode or one the
 * board cannot give that pin. A pin that was not granted to the module traps:
 * "gpio: pin 7 is not granted to this module (granted: 25)". */
WASMCU_IMPORT("gpio_mode") int32_t wasmcu_gpio_mode(int32_t pin, int32_t mode);

/* Drives an output pin low (0) or high (any other level); 0 = ok. */
WASMCU_IMPORT("gpio_write") int32_t wasmcu_gpio_write(int32_t pin, int32_t level);

/* Reads a pin's level: 0 or 1. */
WASMCU_IMPORT("gpio_read") int32_t wasmcu_gpio_read(int32_t pin);

/* Milliseconds since the board started; wraps around at 2^32 like Arduino's millis(). */
WASMCU_IMPORT("millis") int32_t wasmcu_millis(void);

/* Microseconds since the board started (64-bit: does not wrap). */
WASMCU_IMPORT("micros") int64_t wasmcu_micros(void);

/* Waits ms milliseconds; the board serves the host and other modules meanwhile. */
WASMCU_IMPORT("delay") void wasmcu_delay(int32_t ms);

/* Sends one log record (stream "log") holding len bytes of UTF-8 text (at most
 * 512 bytes are kept). */
WASMCU_IMPORT("log") void wasmcu_log(const char *text, int32_t len);

#undef WASMCU_IMPORT

#ifdef __cplusplus
}
#endif

#endif /* WASMCU_H */
