// f32 + f32 is computed as a double: round it with Math.fround(a + b).
import type { f32 } from "../../../core/types";

function add(a: f32, b: f32): f32 {
  return a + b;
}
console.log(add(0.5, 0.25));
