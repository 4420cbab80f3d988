// Arrays support literals, push, pop, length and indexing only: no indexOf.
import type { i32 } from "../../../core/types";

const xs: i32[] = [1, 2, 3];
const at: i32 = xs.indexOf(2);
console.log(at);
