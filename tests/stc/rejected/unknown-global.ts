// Date is not one of the globals STS defines.
import type { f64 } from "../../../core/types";

const now: f64 = Date.now();
console.log(now);
