// ** is not in STS (Math.pow is not exact either): multiply.
import type { f64 } from "../../../core/types";

const x: f64 = 3;
const y: f64 = x ** 2;
console.log(y);
