// a + b of two i32 can leave the i32 range: wrap it, (a + b) | 0.
import type { i32 } from "../../../core/types";

function add(a: i32, b: i32): i32 {
  return a + b;
}
console.log(add(1, 2));
