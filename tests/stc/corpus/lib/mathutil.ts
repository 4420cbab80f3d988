// Small numeric helpers shared by several corpus programs.
import type { i32, u32, f64 } from "../../../../core/types";

export const SCALE: i32 = 1000;

export function clamp(x: i32, lo: i32, hi: i32): i32 {
  return x < lo ? lo : x > hi ? hi : x;
}
export function gcd(a: i32, b: i32): i32 {
  let x: i32 = a < 0 ? (-a) | 0 : a;
  let y: i32 = b < 0 ? (-b) | 0 : b;
  while (y !== 0) {
    const t: i32 = (x % y) | 0;
    x = y;
    y = t;
  }
  return x;
}
export function mix32(h: u32, v: u32): u32 {
  let x: u32 = (h ^ v) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
export function mean(xs: f64[]): f64 {
  let s: f64 = 0;
  for (const x of xs) {
    s += x;
  }
  return xs.length === 0 ? 0 : s / xs.length;
}
export function applyTwice(f: (x: i32) => i32, x: i32): i32 {
  return f(f(x));
}
