import type { i32 } from "../../../../core/types";
function negate(n: i32): number {
  return 0 - n;
}
console.log(negate(0), negate(5));
