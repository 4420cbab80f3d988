// `var` is outside the dialect: use let or const.
import type { i32 } from "../../../core/types";

var count: i32 = 1;
console.log(count);
