// i64/u64 basics: literals, printing (with n in console.log, without in strings), wrapped arithmetic, comparisons.
import type { i32, i64, u64 } from "../../../core/types";

const a: i64 = 1234567890123n;
const b: i64 = -987654321n;
console.log(a, b);
console.log(BigInt.asIntN(64, a + b), BigInt.asIntN(64, a - b), BigInt.asIntN(64, a * b), BigInt.asIntN(64, -a));
console.log(a / b, a % b, b / 1000n, b % 1000n);
console.log(a < b, a > b, a === b, a !== b, a <= a, a >= b);
console.log(a & b, a | b, a ^ b);
console.log("as strings:", "" + a, `${b}`, "sum " + BigInt.asIntN(64, a + b));
const u: u64 = 18446744073709551615n;
const v: u64 = 12345n;
console.log(u, v, u > v, u / v, u % v, u & v, u | v, u ^ v);
const zero: i64 = 0n;
console.log(zero === 0n, zero, BigInt.asIntN(64, zero - 1n));
let fact: i64 = 1n;
for (let i: i32 = 1; i <= 25; i++) {
  fact = BigInt.asIntN(64, fact * BigInt(i));
  console.log("factorial of", i, "mod 2^64 (signed) =", fact);
}
let ufact: u64 = 1n;
for (let i: i32 = 1; i <= 25; i++) {
  ufact = BigInt.asUintN(64, ufact * BigInt.asUintN(64, BigInt(i)));
}
console.log("25! mod 2^64 =", ufact);
let sum: u64 = 0n;
for (let i: i32 = 0; i < 100; i++) {
  sum = BigInt.asUintN(64, sum + BigInt.asUintN(64, BigInt(i)) * 1000000007n);
}
console.log("sum", sum);
