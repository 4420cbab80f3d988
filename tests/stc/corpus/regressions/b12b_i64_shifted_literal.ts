import type { i64 } from "../../../../core/types";
function flip(a: i64): i64 {
  return BigInt.asIntN(64, a ^ (1n << 63n));
}
console.log(flip(5n));
