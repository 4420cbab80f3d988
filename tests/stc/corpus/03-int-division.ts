// Integer division: (a / b) | 0 truncates; INT32_MIN / -1 and division by zero follow JS.
import type { i32, u32 } from "../../../core/types";

const MAX: i32 = 2147483647;
const MIN: i32 = -2147483648;

function idiv(a: i32, b: i32): i32 {
  return (a / b) | 0;
}
function udiv(a: u32, b: u32): u32 {
  return (a / b) >>> 0;
}

const cases: i32[][] = [
  [7, 2], [-7, 2], [7, -2], [-7, -2], [MIN, -1], [MIN, 1], [MAX, -1], [5, 0], [-5, 0], [0, 0],
  [MIN, 2], [1, 3], [-1, 3], [MIN, MIN], [MAX, MIN], [0, -5], [MAX, 2], [100, 7], [-100, 7],
];
for (const c of cases) {
  console.log(c[0], "/", c[1], "=", idiv(c[0], c[1]), "exact", c[0] / c[1]);
}

const ucases: u32[][] = [[4294967295, 2], [4294967295, 1], [4294967295, 0], [0, 0], [10, 3], [2147483648, 2147483647]];
for (const c of ucases) {
  console.log(c[0], "/", c[1], "=", udiv(c[0], c[1]), "as i32", (c[0] / c[1]) | 0);
}

// digit extraction with integer division
let n: i32 = 1234567890;
let digits = "";
while (n > 0) {
  const q: i32 = (n / 10) | 0;
  const d: i32 = (n - q * 10) | 0;
  digits = digits + d;
  n = q;
}
console.log("reversed digits", digits);
