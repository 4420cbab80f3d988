// A u64 is not an i64 without a wrap.
import type { i64, u64 } from "../../../core/types";

const u: u64 = 18446744073709551615n;
const s: i64 = u;
console.log(s);
