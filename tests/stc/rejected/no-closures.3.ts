// Function expressions are not in STS.
import type { i32 } from "../../../core/types";

const inc = function (x: i32): i32 {
  return (x + 1) | 0;
};
console.log(inc(1));
