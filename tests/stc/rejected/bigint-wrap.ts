// a + b of two i64 can leave 64 bits: BigInt.asIntN(64, a + b).
import type { i64 } from "../../../core/types";

function add(a: i64, b: i64): i64 {
  return a + b;
}
console.log(add(1n, 2n));
