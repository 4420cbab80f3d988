import type { i32 } from "../../../../core/types";
let k: i32 = 0;
const ys: i32[] = [10, 20, 30, 40];
ys[k] = ((k = 2) + ys[k]) | 0;
console.log(k, ys[0], ys[2]);
