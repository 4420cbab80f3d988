// -x is -0 when x is 0: JS would keep -0 in the i32, C cannot. Write (-x) | 0.
import type { i32 } from "../../../core/types";

function negate(x: i32): i32 {
  return -x;
}
console.log(negate(0));
