// Plain `bigint` has no width: name i64 or u64.
import type { i64 } from "../../../core/types";

function grow(x: bigint): i64 {
  return BigInt.asIntN(64, x * 2n);
}
console.log("declared");
