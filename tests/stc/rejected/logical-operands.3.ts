// ?. is not in STS: test against null explicitly.
import type { i32 } from "../../../core/types";

interface Node1 {
  value: i32;
}
function isOne(n: Node1 | null): boolean {
  return n?.value === 1;
}
console.log(isOne(null));
