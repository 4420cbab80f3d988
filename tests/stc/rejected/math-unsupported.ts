// Math.sin's last bit differs between V8 and libm.
import type { f64 } from "../../../core/types";

const s: f64 = Math.sin(1);
console.log(s);
