// for-of iterates arrays and typed arrays, not strings.
import type { i32 } from "../../../core/types";

const n: i32 = 0;
for (const c of "abc") {
  console.log(c, n);
}
