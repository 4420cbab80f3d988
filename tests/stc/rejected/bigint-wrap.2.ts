// A wide product must be wrapped before it is printed.
import type { i64 } from "../../../core/types";

const a: i64 = 4000000000n;
const b: i64 = 5000000000n;
console.log(a * b);
