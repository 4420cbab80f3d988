// Nested functions are not in STS.
import type { i32 } from "../../../core/types";

function outer(x: i32): i32 {
  function inner(y: i32): i32 {
    return (y + x) | 0;
  }
  return inner(1);
}
console.log(outer(2));
