// ToUint32 of doubles and integers: x >>> 0, and storing into u32 variables and Uint32Array.
import type { i32, u32, f64 } from "../../../core/types";

const zero: f64 = 0;
const values: f64[] = [
  0, -0, 1, -1, 1.9, -1.9, 2147483647, 2147483648, -2147483648, -2147483649,
  4294967295, 4294967296, 4294967297, -4294967296, -4294967297, 4294967295.9,
  9007199254740992, 9007199254740994, 1e10, -1e10, 1e21, 1e300, -1e300, 123.456, -123.456,
];
values.push(zero / zero);
values.push(1 / zero);
values.push(-1 / zero);
const store = new Uint32Array(1);
for (const v of values) {
  const u: u32 = v >>> 0;
  store[0] = v;
  console.log(v, u, store[0], u === store[0]);
}
const ints: i32[] = [-1, -2147483648, 2147483647, 0, -12345];
for (const i of ints) {
  const u: u32 = i >>> 0;
  const back: i32 = u | 0;
  console.log(i, "->", u, "->", back);
}
