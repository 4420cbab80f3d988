// Math.round, floor, ceil, trunc on halves, negative values, huge values, -0, NaN and infinities.
import type { i32, f64 } from "../../../core/types";

const zero: f64 = 0;
const values: f64[] = [
  0, -0, 0.4, -0.4, 0.5, -0.5, 0.6, -0.6, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5,
  0.49999999999999994, -0.49999999999999994, 4503599627370495.5, -4503599627370495.5, 4503599627370497,
  9007199254740991, -9007199254740991, 1e300, -1e300, 2147483647.5, -2147483648.5, 0.1, -0.1, 5e-324, -5e-324,
  1.9999999999999998, -1.9999999999999998,
];
values.push(zero / zero);
values.push(1 / zero);
values.push(-1 / zero);
for (const v of values) {
  console.log(v, "round", Math.round(v), "floor", Math.floor(v), "ceil", Math.ceil(v), "trunc", Math.trunc(v));
}
// rounding to i32 needs an explicit coercion
const r: i32 = Math.round(2.5) | 0;
const f: i32 = Math.floor(-2.5) | 0;
const c: i32 = Math.ceil(-2.5) | 0;
console.log("to i32", r, f, c, Math.trunc(3e9) | 0, Math.round(-3e9) | 0);
