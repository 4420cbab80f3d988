// Number.isNaN, Number.isFinite, Number.isInteger on edge values.
import type { i32, u32, f64 } from "../../../core/types";

const zero: f64 = 0;
const values: f64[] = [0, -0, 1, -1, 0.5, -0.5, 1e300, -1e300, 5e-324, 9007199254740992, 9007199254740994, 2.000000000000001, 4294967295.5, 1e21];
values.push(zero / zero);
values.push(1 / zero);
values.push(-1 / zero);
for (const v of values) {
  console.log(v, Number.isNaN(v), Number.isFinite(v), Number.isInteger(v));
}
const i: i32 = -7;
const u: u32 = 4294967295;
console.log("ints", Number.isInteger(i), Number.isFinite(u), Number.isNaN(i), Number.isInteger(i / 2), Number.isInteger(u / 5));
let count: i32 = 0;
for (let k = 0; k < 100; k++) {
  if (Number.isInteger(k / 7)) {
    count++;
  }
}
console.log("multiples of 7 below 100:", count);
