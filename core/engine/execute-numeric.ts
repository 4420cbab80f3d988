// The numeric operations that are more than one expression: rounding to
// nearest-even, min/max with Wasm's NaN and zero rules, float-to-int
// conversions (trapping and saturating) and int-to-float conversions without
// double rounding. execute.ts calls these from its dispatch loop with the
// current frame's views; each writes its result into the frame itself (32-bit
// results by word index, 64-bit results by slot index), reading its operands
// first.
import type { i32, f64, u64 } from "../types";
import { Trap } from "./types";

/** The canonical quiet NaNs' bits. */
export const CANONICAL_NAN_32: i32 = 0x7fc00000;
export const CANONICAL_NAN_64_HIGH: i32 = 0x7ff80000;

const TWO_32: f64 = 4294967296;
const TWO_52: f64 = 4503599627370496;
const TWO_63: f64 = 9223372036854775808;
const TWO_64: f64 = 18446744073709551616;

// ---------------------------------------------------------------- bits

export function ctz32(x: i32): i32 {
  if (x === 0) return 32;
  return (31 - Math.clz32(x & -x)) | 0;
}

export function popcnt32(x: i32): i32 {
  let v: i32 = (x - ((x >>> 1) & 0x55555555)) | 0;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

// ---------------------------------------------------------------- rounding

/** Round to nearest, ties to even (Wasm's nearest); NaN is handled by the caller. */
export function nearest(x: f64): f64 {
  if (!(Math.abs(x) < TWO_52)) return x; // already an integer (or infinite)
  const f = Math.floor(x);
  const frac = x - f;
  let r: f64 = f;
  if (frac > 0.5 || (frac === 0.5 && f % 2 !== 0)) r = f + 1;
  // the sign of a zero result is the operand's
  if (r === 0) return x < 0 || 1 / x < 0 ? -0 : 0;
  return r;
}

/** Wasm's min: NaN if either is NaN (the caller writes a canonical one), and -0 < +0. */
export function fmin(a: f64, b: f64): f64 {
  if (a !== a || b !== b) return NaN;
  if (a === 0 && b === 0) return 1 / a < 0 ? a : b;
  return a < b ? a : b;
}

export function fmax(a: f64, b: f64): f64 {
  if (a !== a || b !== b) return NaN;
  if (a === 0 && b === 0) return 1 / a > 0 ? a : b;
  return a > b ? a : b;
}

// ---------------------------------------------------------------- float to int

/**
 * Truncates x to an integer in [lo, hi) (exclusive bounds are exact doubles
 * just outside the target range) and stores it as an i32 in word w; returns
 * the trap for NaN or out of range.
 */
export function truncToI32(frame: Int32Array, w: i32, x: f64, lo: f64, hi: f64): i32 {
  if (x !== x) return Trap.InvalidConversion;
  if (!(x > lo && x < hi)) return Trap.IntOverflow;
  frame[w] = Math.trunc(x) | 0;
  return Trap.None;
}

/** The same for i64 results in slot s (bounds: signed (-2^63 - 1, 2^63), unsigned (-1, 2^64)). */
export function truncToI64(frame: Int32Array, s: i32, x: f64, lo: f64, hi: f64): i32 {
  if (x !== x) return Trap.InvalidConversion;
  if (!(x > lo && x < hi)) return Trap.IntOverflow;
  storeInteger64(frame, s, Math.trunc(x));
  return Trap.None;
}

/** Stores the integral double v (in (-2^63 - 1, 2^64)) as the two's complement 64 bits of slot s. */
function storeInteger64(frame: Int32Array, s: i32, v: f64): void {
  const high = Math.floor(v / TWO_32);
  const low = v - high * TWO_32;
  const w = s << 1;
  frame[w] = low | 0;
  frame[w + 1] = high | 0;
}

/** Saturating truncation to i32 (signed or not) into word w. */
export function truncSatToI32(frame: Int32Array, w: i32, x: f64, signed: boolean): void {
  let v: i32 = 0;
  if (x !== x) {
    v = 0;
  } else if (signed) {
    if (x <= -2147483648) v = -2147483648;
    else if (x >= 2147483647) v = 2147483647;
    else v = Math.trunc(x) | 0;
  } else {
    if (x <= 0) v = 0;
    else if (x >= 4294967295) v = -1;
    else v = Math.trunc(x) | 0;
  }
  frame[w] = v;
}

/** Saturating truncation to i64 (signed or not) into slot s. */
export function truncSatToI64(frame: Int32Array, s: i32, x: f64, signed: boolean): void {
  const w = s << 1;
  if (x !== x) {
    frame[w] = 0;
    frame[w + 1] = 0;
  } else if (signed) {
    if (x < -TWO_63) {
      frame[w] = 0;
      frame[w + 1] = -2147483648;
    } else if (x >= TWO_63) {
      frame[w] = -1;
      frame[w + 1] = 0x7fffffff;
    } else {
      storeInteger64(frame, s, Math.trunc(x));
    }
  } else {
    if (x <= 0) {
      frame[w] = 0;
      frame[w + 1] = 0;
    } else if (x >= TWO_64) {
      frame[w] = -1;
      frame[w + 1] = -1;
    } else {
      storeInteger64(frame, s, Math.trunc(x));
    }
  }
}

// ---------------------------------------------------------------- int to float

/** The i64 in slot s as the nearest double: the exact high part plus the low word rounds once. */
export function i64ToF64(frame: Int32Array, s: i32): f64 {
  const w = s << 1;
  return frame[w + 1] * TWO_32 + (frame[w] >>> 0);
}

export function u64ToF64(frame: Int32Array, s: i32): f64 {
  const w = s << 1;
  return (frame[w + 1] >>> 0) * TWO_32 + (frame[w] >>> 0);
}

/**
 * An unsigned 64-bit value as the nearest f32, rounded once. Below 2^53 the
 * double is exact. Above, the 11 low bits (all below the float's rounding
 * bit, which is at bit 29 or higher) are folded into one sticky bit, so the
 * double is exact again and rounds to the float exactly as the integer would.
 */
export function u64ToF32(v: u64): f64 {
  if (v < 9007199254740992n) return Math.fround(Number(v));
  const sticky: u64 = (v & 0x7ffn) !== 0n ? 1n : 0n;
  const kept: u64 = (v >> 11n) | sticky;
  return Math.fround(Number(kept) * 2048);
}

/** The i64 in slot s as the nearest f32. */
export function i64ToF32(frame: BigInt64Array, s: i32): f64 {
  const v = frame[s];
  if (v < 0n) return -u64ToF32(BigInt.asUintN(64, -v));
  return u64ToF32(BigInt.asUintN(64, v));
}

export function u64SlotToF32(frame: BigInt64Array, s: i32): f64 {
  return u64ToF32(BigInt.asUintN(64, frame[s]));
}
