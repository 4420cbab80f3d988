// Labels name loops, not blocks.
import type { i32 } from "../../../core/types";

const n: i32 = 3;
block: {
  if (n > 2) {
    break block;
  }
  console.log("small");
}
console.log("done");
