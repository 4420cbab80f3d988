// No rest parameters.
import type { i32 } from "../../../core/types";

function sum(...xs: i32[]): i32 {
  let s: i32 = 0;
  for (const x of xs) {
    s = (s + x) | 0;
  }
  return s;
}
console.log(sum(1, 2, 3));
