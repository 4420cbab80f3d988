// Math.imul and Math.clz32 on edge values.
import type { i32, u32 } from "../../../core/types";

const MAX: i32 = 2147483647;
const MIN: i32 = -2147483648;
const pairs: i32[][] = [
  [0, 0], [1, -1], [MAX, 2], [MAX, MAX], [MIN, -1], [MIN, MIN], [MIN, 2], [65535, 65537], [-65536, 65536],
  [12345678, 87654321], [-1, -1], [3, -2147483647], [46341, 46341],
];
for (const p of pairs) {
  console.log("imul", p[0], p[1], Math.imul(p[0], p[1]));
}
const u1: u32 = 4294967295;
const u2: u32 = 2654435769;
console.log("imul u32", Math.imul(u1, 5), Math.imul(u2, u2), Math.imul(u2, u1) >>> 0, Math.imul(u1, u1));
const dbl = 2.5;
console.log("imul of coerced double", Math.imul(dbl | 0, 3));
const vals: i32[] = [0, 1, 2, 3, -1, MIN, MAX, 0x00010000, 0x0000ffff, 255, 256, 1 << 30];
for (const v of vals) {
  console.log("clz32", v, Math.clz32(v));
}
const uvals: u32[] = [4294967295, 2147483648, 1, 0];
for (const v of uvals) {
  console.log("clz32 u32", v, Math.clz32(v));
}
// bit length via clz32
for (let i = 0; i < 10; i++) {
  const v: i32 = Math.imul(i, 97531) | 0;
  console.log("bitlength", v, 32 - Math.clz32(v));
}
