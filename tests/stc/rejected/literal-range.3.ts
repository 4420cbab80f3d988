// 2^63 does not fit an i64.
import type { i64 } from "../../../core/types";

const x: i64 = 9223372036854775808n;
console.log(x);
