// Math.floor returns a double: coerce with | 0.
import type { i32, f64 } from "../../../core/types";

const d: f64 = 2.5;
const n: i32 = Math.floor(d);
console.log(n);
