// An array of numbers names its element type: `const xs: i32[] = [1, 2, 3]`.
import type { i32 } from "../../../core/types";

const xs = [1, 2, 3];
const first: i32 = 0;
console.log(first);
