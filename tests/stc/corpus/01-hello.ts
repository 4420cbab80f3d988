// The smallest programs: console.log of each primitive kind.
import type { i32, u32, f64 } from "../../../core/types";

console.log("hello, world");
console.log(42);
console.log(-7);
console.log(3.5);
console.log(true);
console.log(false);
console.log(123n);
console.log(-123n);
console.log("");
const answer: i32 = 42;
const big: u32 = 4000000000;
const half: f64 = 0.5;
console.log("answer", answer, "big", big, "half", half);
console.log("done");
