// BigInt(x) from integer-typed numbers and Number(x) from i64/u64 (round to nearest even).
import type { i8, u8, i32, u32, f64, i64, u64 } from "../../../core/types";

const i: i32 = -2147483648;
const u: u32 = 4294967295;
const b: u8 = 200;
const c: i8 = -100;
const d: f64 = 12345.9;
console.log(BigInt(i), BigInt(u), BigInt(b), BigInt(c), BigInt(d | 0), BigInt(d >>> 0), BigInt(0));
const fromI: i64 = BigInt(i);
const fromU: u64 = BigInt.asUintN(64, BigInt(u));
console.log(BigInt.asIntN(64, fromI * fromI), BigInt.asUintN(64, fromU * fromU));

const values: i64[] = [
  0n, -1n, 9007199254740991n, 9007199254740993n, 9007199254740995n, -9007199254740993n, 9223372036854775807n,
  -9223372036854775808n, 1152921504606846977n, 123456789123456789n, 18014398509481987n, 18014398509481985n,
];
for (const v of values) {
  const n: f64 = Number(v);
  console.log(v, "->", n, "|0:", n | 0, "i32 exact:", Number(BigInt.asIntN(32, v)) | 0);
}
const uvalues: u64[] = [18446744073709551615n, 18446744073709549568n, 18446744073709550591n, 9223372036854776833n, 4294967296n];
for (const v of uvalues) {
  console.log(v, "->", Number(v), ">>>0:", Number(v) >>> 0, "u32 exact:", Number(BigInt.asUintN(32, v)) >>> 0);
}
let total: f64 = 0;
for (let k: i32 = 0; k < 10; k++) {
  total += Number(BigInt.asIntN(64, BigInt(k) * 1000000000000n));
}
console.log("total", total);
