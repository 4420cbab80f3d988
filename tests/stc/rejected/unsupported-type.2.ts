// Tuple types are not in STS: use an interface.
import type { i32 } from "../../../core/types";

function sum(pair: [i32, i32]): i32 {
  return (pair[0] + pair[1]) | 0;
}
console.log("declared");
