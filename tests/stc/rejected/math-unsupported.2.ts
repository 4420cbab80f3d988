// Math.pow is not exact on every backend.
import type { f64 } from "../../../core/types";

const p: f64 = Math.pow(2, 0.5);
console.log(p);
