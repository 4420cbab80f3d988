// No spread in array literals.
import type { i32 } from "../../../core/types";

const xs: i32[] = [1, 2, 3];
const ys: i32[] = [...xs, 4];
console.log(ys.length);
