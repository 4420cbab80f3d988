// i64/u64 division and remainder truncate; negatives; INT64_MIN % -1.
import type { i64, u64 } from "../../../core/types";

const MAX: i64 = 9223372036854775807n;
const MIN: i64 = -9223372036854775808n;
const pairs: i64[][] = [
  [7n, 2n], [-7n, 2n], [7n, -2n], [-7n, -2n], [MIN, 1n], [MIN, 2n], [MIN, -2n], [MIN, MAX], [MAX, MIN], [MIN, MIN],
  [MAX, -1n], [0n, -5n], [1n, 3n], [-1n, 3n], [1000000000000000000n, 7n], [-1000000000000000000n, 7n], [MIN, 10n],
];
for (const p of pairs) {
  console.log(p[0], "/", p[1], "=", p[0] / p[1], "rem", p[0] % p[1]);
}
console.log("MIN rem -1 =", MIN % -1n);
const UMAX: u64 = 18446744073709551615n;
const upairs: u64[][] = [[UMAX, 1n], [UMAX, 2n], [UMAX, 3n], [UMAX, 10n], [UMAX, UMAX], [9223372036854775808n, 3n], [5n, UMAX], [UMAX, 4294967296n]];
for (const p of upairs) {
  console.log(p[0], "/", p[1], "=", p[0] / p[1], "rem", p[0] % p[1]);
}
// decimal digits of a u64 by repeated division
let x: u64 = UMAX;
let digits = "";
while (x > 0n) {
  digits = (x % 10n) + digits;
  x = x / 10n;
}
console.log("digits", digits);
// signed digits
let y: i64 = MIN;
let sdigits = "";
while (y !== 0n) {
  const r: i64 = y % 10n;
  sdigits = (r < 0n ? BigInt.asIntN(64, -r) : r) + sdigits;
  y = y / 10n;
}
console.log("digits of MIN", "-" + sdigits);
