// Namespace imports are not in STS: import names in braces.
import type { i32 } from "../../../core/types";
import * as arena from "../../../core/arena";

const n: i32 = 1;
console.log(n);
