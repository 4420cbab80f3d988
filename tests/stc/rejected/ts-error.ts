// The program must type-check as strict TypeScript: a string is not an i32.
import type { i32 } from "../../../core/types";

const x: i32 = "seven";
console.log(x);
