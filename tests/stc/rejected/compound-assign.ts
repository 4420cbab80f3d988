// *= on an integer: write x = Math.imul(x, 3) (or (x * 3) | 0).
import type { i32 } from "../../../core/types";

let x: i32 = 5;
x *= 3;
console.log(x);
