// Labels name loops, not if statements.
import type { i32 } from "../../../core/types";

const n: i32 = 3;
check: if (n > 0) {
  if (n > 2) {
    break check;
  }
  console.log("positive");
}
console.log("done");
