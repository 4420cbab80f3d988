// `unknown` is not an STS type.
import type { i32 } from "../../../core/types";

let box: unknown = 5;
const n: i32 = 1;
console.log(n);
