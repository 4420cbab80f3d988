// parseInt is not one of the globals STS defines.
import type { i32 } from "../../../core/types";

const n: i32 = parseInt("12") | 0;
console.log(n);
