// Natives: `declare function` implemented in C (69-native.native.c) and, under Node, on globalThis (69-native.native.mjs).
import type { i32, u32, f64, i64 } from "../../../core/types";

declare function native_add(a: i32, b: i32): i32;
declare function native_mix(x: u32): u32;
declare function native_scale(x: f64, k: f64): f64;
declare function native_wide(a: i64, b: i64): i64;
declare function native_is_even(x: i32): boolean;
declare function native_tick(): void;
declare function native_ticks(): i32;

console.log("add", native_add(2, 40), native_add(-2147483648, -1), native_add(2147483647, 1));
console.log("mix", native_mix(0), native_mix(1), native_mix(4294967295));
console.log("scale", native_scale(1.5, 4), native_scale(0.1, 3));
console.log("wide", native_wide(9223372036854775807n, 1n), native_wide(-5n, 3n));
console.log("even", native_is_even(10), native_is_even(-3));
for (let i = 0; i < 5; i++) {
  native_tick();
}
console.log("ticks", native_ticks());
let acc: u32 = 1;
for (let i = 0; i < 10; i++) {
  acc = native_mix((acc + i) >>> 0);
}
console.log("mix chain", acc);
