// Comparisons: i32 against u32 (numeric, not C's unsigned promotion), doubles, bigints, strings, references.
import type { i32, u32, u8, f64, i64, u64 } from "../../../core/types";

const neg: i32 = -1;
const big: u32 = 4294967295;
const zero: u32 = 0;
console.log("i32 vs u32", neg < big, neg > big, neg < zero, neg === big, (neg >>> 0) === big, neg === (big | 0));
const b: u8 = 200;
const sb: i32 = -56;
console.log("u8 vs i32", b > sb, b === ((sb & 0xff) >>> 0), b <= 200, b >= 201);
const d: f64 = 2147483647.5;
const i: i32 = 2147483647;
console.log("f64 vs i32", d > i, d < i, i + 0.5 === d, i === 2147483647);
const h: f64 = 4294967295;
console.log("f64 vs u32", h === big, h > zero, 4294967296 > big);
const i1: i64 = -1n;
const i2: i64 = 1n;
const u1: u64 = 18446744073709551615n;
const u2: u64 = 1n;
console.log("i64", i1 < i2, i1 > i2, i1 === -1n, i1 <= i1, i2 >= i1);
console.log("u64", u1 > u2, u1 < u2, u1 === 18446744073709551615n, u2 !== u1);
const s1: string = "abc";
const s2: string = "abd";
console.log("strings", s1 === "abc", s1 !== s2, s2 === s1, "" === "");
class P {
  v: i32 = 0;
}
const p1 = new P();
const p2 = new P();
const p3 = p1;
console.log("refs", p1 === p2, p1 === p3, p1 !== p2);
let maybe: P | null = null;
console.log("null", maybe === null, maybe !== null);
maybe = p2;
console.log("set", maybe === p2, maybe === null);
const values: i32[] = [3, -7, 0, 2147483647, -2147483648, 12];
let lo = values[0];
let hi = values[0];
for (const v of values) {
  if (v < lo) {
    lo = v;
  }
  if (v > hi) {
    hi = v;
  }
}
console.log("min/max by comparison", lo, hi);
const mixed: u32[] = [4294967295, 0, 2147483648, 1];
let umax: u32 = 0;
for (const v of mixed) {
  if (v > umax) {
    umax = v;
  }
}
console.log("u32 max", umax, umax > neg, -1 < umax);
