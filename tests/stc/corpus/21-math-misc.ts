// Math.sign, abs, sqrt, min, max (2..4 arguments) and the Math constants.
import type { i32, f64 } from "../../../core/types";

const zero: f64 = 0;
const nan: f64 = zero / zero;
const inf: f64 = 1 / zero;
const values: f64[] = [0, -0, 1, -1, 0.5, -2.25, 4, 2, 1e-300, 5e-324, 1e300, inf, -inf, nan, 1e-320, 16777217];
for (const v of values) {
  console.log(v, "sign", Math.sign(v), "abs", Math.abs(v), "sqrt", Math.sqrt(v));
}
const MIN: i32 = -2147483648;
console.log("abs of INT32_MIN", Math.abs(MIN), Math.abs(MIN) | 0);
console.log("sign int", Math.sign(MIN), Math.sign(7), Math.sign(zero));
console.log("min/max 2", Math.min(1, 2), Math.max(1, 2), Math.min(-0, 0), Math.max(-0, 0), Math.min(0, -0), Math.max(0, -0));
console.log("min/max 3", Math.min(3, 1, 2), Math.max(3, 1, 2), Math.min(1, nan, 0), Math.max(-inf, 5, 4));
console.log("min/max 4", Math.min(4, -4, 0.5, -0.5), Math.max(4, -4, 0.5, 4.5), Math.min(inf, inf, inf, 1e308));
const a: i32 = -5;
const b: i32 = 7;
console.log("min/max int", Math.min(a, b), Math.max(a, b), Math.max(MIN, a, b));
console.log("PI", Math.PI, "E", Math.E, "LN2", Math.LN2, "LN10", Math.LN10);
console.log("LOG2E", Math.LOG2E, "LOG10E", Math.LOG10E, "SQRT2", Math.SQRT2, "SQRT1_2", Math.SQRT1_2);
console.log("sqrt exact", Math.sqrt(144), Math.sqrt(2), Math.sqrt(1e-310), Math.sqrt(0.25), Math.sqrt(2) * Math.sqrt(2));
let x: f64 = 1;
for (let i = 0; i < 6; i++) {
  x = (x + 2 / x) / 2;
}
console.log("newton sqrt(2)", x, x === Math.sqrt(2));
