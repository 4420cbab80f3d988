// Arrow functions are not in STS: declare a top-level function.
import type { i32 } from "../../../core/types";

const double = (x: i32): i32 => (x * 2) | 0;
console.log(double(4));
