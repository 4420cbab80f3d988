// Number(x) converts an i64/u64, not a number.
import type { f64, i32 } from "../../../core/types";

const n: i32 = 5;
const d: f64 = Number(n);
console.log(d);
