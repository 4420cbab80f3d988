import type { i32 } from "../../../../core/types";
function first(a: i32, b: i32): i32 {
  return a;
}
console.log(first(1, 2));
