// No type parameters.
import type { i32 } from "../../../core/types";

function first<T>(xs: T[]): T {
  return xs[0];
}
const n: i32 = 1;
console.log(n);
