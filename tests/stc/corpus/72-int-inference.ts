// Unannotated let/const take the kind of their initializer: integer literals -> i32, u32-ranged -> u32, others -> f64.
import type { i32, u32 } from "../../../core/types";

let count = 0;
count++;
count += 41;
console.log("count", count);
const big = 4000000000;
console.log("u32 const", big, big + 1, big | 0, big >>> 0);
let flt = 0.5;
flt += 0.25;
flt *= 2;
console.log("f64", flt);
const neg = -7;
let m = neg;
m--;
console.log("i32", neg, m);
const bytes = new Uint8Array([10, 20, 30]);
let first = bytes[0];
first += 1;
console.log("from u8 element", first);
const u: u32 = 3000000000;
let copy = u;
copy++;
console.log("u32 copy", copy);
const q = 7 / 2;
console.log("division is f64", q);
const masked = 12345 & 0xff;
const shifted = 1 << 20;
const unsigned = -1 >>> 0;
console.log("masked", masked, "shifted", shifted, "unsigned", unsigned);
const sum3 = (count + neg + 1) | 0;
console.log("wrapped sum", sum3);
let total = 0;
for (let i = 0; i < 10; i++) {
  total = (total + Math.imul(i, i)) | 0;
}
console.log("total", total);
const limit: i32 = 5;
let k = limit;
while (k > 0) {
  k -= 2;
}
console.log("k", k);
