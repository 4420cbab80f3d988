// An unannotated let takes an integer type from its initializer; `n - 1` may leave i32, so say so here
// (write `let i = (n - 1) | 0`, or `let i: f64 = n - 1` if a double is meant).
import type { i32 } from "../../../core/types";

function last(xs: Int32Array, n: i32): i32 {
  let i = n - 1;
  return xs[i];
}
console.log(last(new Int32Array([1, 2, 3]), 3));
