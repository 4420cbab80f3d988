// <T> casts are not allowed: an f64 becomes an i32 through | 0.
import type { i32, f64 } from "../../../core/types";

const d: f64 = 2.5;
const n: i32 = <i32>d;
console.log(n);
