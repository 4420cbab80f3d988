// A boolean cannot be null.
import type { i32 } from "../../../core/types";

let flag: boolean | null = null;
const n: i32 = 1;
console.log(n);
