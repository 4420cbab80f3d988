// 1.5 is not an integer.
import type { i32 } from "../../../core/types";

const n: i32 = 1.5;
console.log(n);
