// No default parameters.
import type { i32 } from "../../../core/types";

function scale(x: i32, k: i32 = 2): i32 {
  return Math.imul(x, k);
}
console.log(scale(3, 3));
