import type { i32 } from "../../../../core/types";
function f(x: i32): i32 {
  let last: i32 = 0;
  last = x;
  return x;
}
console.log(f(1));
