// u32 arithmetic with >>> 0: addition, subtraction, multiplication, bitwise ops that return i32.
import type { i32, u32 } from "../../../core/types";

function addu(a: u32, b: u32): u32 {
  return (a + b) >>> 0;
}
function subu(a: u32, b: u32): u32 {
  return (a - b) >>> 0;
}
function mulu(a: u32, b: u32): u32 {
  return Math.imul(a, b) >>> 0;
}
function notu(a: u32): u32 {
  return ~a >>> 0;
}
function andu(a: u32, b: u32): u32 {
  return (a & b) >>> 0;
}
function rotl(x: u32, n: i32): u32 {
  return ((x << n) | (x >>> ((32 - n) & 31))) >>> 0;
}

const UMAX: u32 = 4294967295;
const HIGH: u32 = 0x80000000;
console.log("add", addu(UMAX, 1), addu(UMAX, UMAX), addu(HIGH, HIGH), addu(1, 2));
console.log("sub", subu(0, 1), subu(1, UMAX), subu(HIGH, 1), subu(5, 3));
console.log("mul", mulu(UMAX, UMAX), mulu(HIGH, 2), mulu(65537, 65537), mulu(0x9e3779b9, 3));
console.log("not", notu(0), notu(UMAX), notu(HIGH));
console.log("and", andu(HIGH, UMAX), HIGH & UMAX, HIGH | 0, HIGH ^ 1, HIGH | 1);
for (let n = 0; n < 33; n += 8) {
  console.log("rotl", n, rotl(0x12345678, n), rotl(HIGH, n));
}
console.log("compare", HIGH > 1, UMAX > HIGH, HIGH === 2147483648, (HIGH | 0) < 0);
const asInt: i32 = UMAX | 0;
console.log("u32 -> i32", asInt, HIGH | 0);
console.log("as double", UMAX * 2, UMAX + UMAX, UMAX - HIGH - HIGH, HIGH * HIGH);
let h: u32 = 2166136261;
for (let i = 0; i < 20; i++) {
  h = (h ^ i) >>> 0;
  h = Math.imul(h, 16777619) >>> 0;
}
console.log("fnv1a", h);
