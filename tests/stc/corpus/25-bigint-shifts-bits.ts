// Shifts and bit operations on i64 (arithmetic >>) and u64 (logical >>), shift counts up to 100.
import type { i32, i64, u64 } from "../../../core/types";

const MIN: i64 = -9223372036854775808n;
const MAX: i64 = 9223372036854775807n;
const UMAX: u64 = 18446744073709551615n;
const neg: i64 = -1000n;

console.log("i64 >>", MIN >> 1n, MIN >> 63n, MIN >> 64n, neg >> 3n, neg >> 100n, MAX >> 62n, MAX >> 63n, MAX >> 100n);
console.log("u64 >>", UMAX >> 1n, UMAX >> 63n, UMAX >> 64n, UMAX >> 100n, 9223372036854775808n >> 63n);
const one: i64 = 1n;
const uone: u64 = 1n;
console.log("<<", BigInt.asIntN(64, one << 63n), BigInt.asIntN(64, one << 64n), BigInt.asIntN(64, one << 70n), BigInt.asIntN(64, neg << 60n));
console.log("u <<", BigInt.asUintN(64, uone << 63n), BigInt.asUintN(64, uone << 64n), BigInt.asUintN(64, UMAX << 4n), BigInt.asUintN(64, UMAX << 100n));
const k: u64 = 5n;
const big: u64 = 0xf0f0f0f0f0f0f0f0n;
console.log("variable count", big >> k, BigInt.asUintN(64, big << k), MIN >> k);
console.log("bits", big & 0xffn, big | 0x0fn, big ^ UMAX, BigInt.asUintN(64, ~big), MIN & MAX, MIN | MAX, MIN ^ neg);

function popcount(x: u64): i32 {
  let n: i32 = 0;
  let v: u64 = x;
  while (v !== 0n) {
    v = v & BigInt.asUintN(64, v - 1n);
    n++;
  }
  return n;
}
function reverseBits(x: u64): u64 {
  let r: u64 = 0n;
  let v: u64 = x;
  for (let i = 0; i < 64; i++) {
    r = BigInt.asUintN(64, (r << 1n) | (v & 1n));
    v = v >> 1n;
  }
  return r;
}
function rotl(x: u64, n: u64): u64 {
  return BigInt.asUintN(64, (x << n) | (x >> BigInt.asUintN(64, 64n - n)));
}
console.log("popcount", popcount(0n), popcount(UMAX), popcount(big), popcount(0x8000000000000001n));
console.log("reverse", reverseBits(1n), reverseBits(big), reverseBits(0x0123456789abcdefn));
console.log("rotl", rotl(0x0123456789abcdefn, 4n), rotl(0x8000000000000000n, 1n), rotl(0x0123456789abcdefn, 60n));
