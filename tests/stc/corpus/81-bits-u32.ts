// Bit tricks on u32/i32: popcount, bit reversal, next power of two, lowest set bit, parity, byte swap.
import type { i32, u32 } from "../../../core/types";

function popcount(x0: u32): i32 {
  let x: u32 = x0;
  x = (x - ((x >>> 1) & 0x55555555)) >>> 0;
  x = ((x & 0x33333333) + ((x >>> 2) & 0x33333333)) >>> 0;
  x = ((x + (x >>> 4)) & 0x0f0f0f0f) >>> 0;
  return Math.imul(x, 0x01010101) >>> 24;
}
function reverse(x0: u32): u32 {
  let x: u32 = x0;
  x = (((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1)) >>> 0;
  x = (((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2)) >>> 0;
  x = (((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4)) >>> 0;
  x = (((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8)) >>> 0;
  return ((x >>> 16) | (x << 16)) >>> 0;
}
function nextPow2(x0: u32): u32 {
  if (x0 === 0) {
    return 1;
  }
  let x: u32 = (x0 - 1) >>> 0;
  x = (x | (x >>> 1)) >>> 0;
  x = (x | (x >>> 2)) >>> 0;
  x = (x | (x >>> 4)) >>> 0;
  x = (x | (x >>> 8)) >>> 0;
  x = (x | (x >>> 16)) >>> 0;
  return (x + 1) >>> 0;
}
function lowestBit(x: i32): i32 {
  return x & -x;
}
function parity(x: u32): i32 {
  return popcount(x) & 1;
}
function bswap(x: u32): u32 {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}
function ctz(x: i32): i32 {
  return x === 0 ? 32 : (31 - Math.clz32(x & -x)) | 0;
}

const samples: u32[] = [0, 1, 2, 3, 0x80000000, 0xffffffff, 0x12345678, 0xdeadbeef, 1000, 65535, 65536, 0x55555555];
for (const s of samples) {
  console.log(s, "pop", popcount(s), "rev", reverse(s), "pow2", nextPow2(s), "low", lowestBit(s | 0), "par", parity(s), "bswap", bswap(s), "ctz", ctz(s | 0));
}
