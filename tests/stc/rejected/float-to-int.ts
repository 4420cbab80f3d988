// x / 2 is a double: an integer needs an explicit coercion, (x / 2) | 0.
import type { i32 } from "../../../core/types";

function half(x: i32): i32 {
  return x / 2;
}
console.log(half(7));
