// for-of binds a const: `for (const x of xs)`.
import type { i32 } from "../../../core/types";

const xs: i32[] = [1, 2, 3];
for (let x of xs) {
  x = (x + 1) | 0;
  console.log(x);
}
