// console.log with several arguments of mixed kinds: separated by one space, -0 and bigints as Node prints them.
import type { i32, u32, f32, f64, i64, u64 } from "../../../core/types";

const i: i32 = -5;
const u: u32 = 3000000000;
const f: f32 = Math.fround(1.1);
const d: f64 = -0;
const b: i64 = -1n;
const ub: u64 = 18446744073709551615n;
console.log(i, u, f, d, b, ub, true, "text");
console.log("a", "b", "c");
console.log(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
console.log("", "", "x");
console.log(d, "" + d, `${d}`);
console.log(b, "" + b);
console.log("spaces  inside", " leading", "trailing ");
console.log(0.1 + 0.2, 1e21, 1e-7, 123e-20);
console.log(false, !false, i < 0, u > 2147483647);
