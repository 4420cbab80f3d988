// typeof inspects the JS value at run time: not in STS.
import type { i32 } from "../../../core/types";

const n: i32 = 1;
console.log(typeof n);
