import type { i32, f64 } from "../../../../core/types";
let k: i32 = 0;
let ta = new Float64Array(3);
const other = new Float64Array(3);
function bump(): f64 {
  k = 2;
  ta = other;
  return 99;
}
const first = ta;
ta[k] = bump();
console.log(first[0], other[2]);
