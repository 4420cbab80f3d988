// The comma operator is not in STS.
import type { i32 } from "../../../core/types";

let a: i32 = 0;
let b: i32 = 10;
for (a = 0, b = 10; a < b; a++) {
  b--;
}
console.log(a, b);
