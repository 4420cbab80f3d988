// Remainder: the sign follows the dividend; (a % b) | 0 gives 0 for b = 0; doubles use fmod semantics.
import type { i32, u32, f64 } from "../../../core/types";

const MAX: i32 = 2147483647;
const MIN: i32 = -2147483648;

function imod(a: i32, b: i32): i32 {
  return (a % b) | 0;
}
function umod(a: u32, b: u32): u32 {
  return (a % b) >>> 0;
}

const cases: i32[][] = [
  [7, 3], [-7, 3], [7, -3], [-7, -3], [MIN, -1], [MIN, 3], [0, 5], [-6, 3], [6, -3], [MAX, MIN], [MIN, MAX], [MIN, MIN], [-1, MIN],
];
for (const c of cases) {
  // the raw remainder is printed as JS prints it: -6 % 3 is -0
  console.log(c[0], "%", c[1], "=", imod(c[0], c[1]), "raw", c[0] % c[1]);
}
console.log("zero divisor", imod(5, 0), imod(-5, 0), imod(0, 0), imod(MIN, 0));
console.log("u32", umod(4294967295, 10), umod(4294967295, 0), umod(7, 4294967295), umod(2147483648, 3));

const zero: f64 = 0;
const doubles: f64[] = [5.5, -5.5, 1e300, -1e-300, 0.3, 1 / zero, -0];
const divisors: f64[] = [2, -2, 7, 1, 0.1, 1 / zero, 0];
for (const x of doubles) {
  let line = "";
  for (const y of divisors) {
    line = line + " " + (x % y);
  }
  console.log(x, ":" + line);
}
let m: f64 = 10.5;
m %= 3;
console.log("m after the remainder-assignment:", m);
let k: i32 = 0;
for (let i = -10; i <= 10; i++) {
  k = (k * 3 + imod(i, 4)) | 0;
}
console.log("mix", k);
