// NaN and the infinities: printing, comparisons, arithmetic, conversions.
import type { f64 } from "../../../core/types";

const zero: f64 = 0;
const nan: f64 = zero / zero;
const inf: f64 = 1 / zero;
const ninf: f64 = -1 / zero;

console.log(nan, inf, ninf);
console.log("" + nan + " " + inf + " " + ninf);
console.log(`${nan}|${inf}|${ninf}`);
console.log(nan === nan, nan !== nan, nan < 1, nan > 1, nan <= nan, nan >= nan, nan === 0);
console.log(inf > 1e308, ninf < -1e308, inf === inf, inf === -ninf);
console.log(inf - inf, inf * 0, inf / inf, inf + inf, -inf, inf * -1);
console.log(nan + 1, nan * 0, Math.max(nan, 1), Math.min(1, nan), Math.max(inf, nan));
console.log(inf | 0, nan | 0, ninf | 0, inf >>> 0, nan >>> 0, ninf >>> 0, ~nan, nan << 1);
console.log(1e308 * 10, -1e308 * 10, 5e-324 / 2, -5e-324 / 2);
console.log(Math.sqrt(-1), Math.sqrt(inf), Math.floor(inf), Math.round(nan), Math.abs(ninf), Math.trunc(ninf));
const big: f64 = 1.7976931348623157e308;
console.log(big, big + big, big * -2, big + 1);
console.log(1 / inf, -1 / inf, 1 / ninf);
console.log("truthiness:", nan ? "nan truthy" : "nan falsy", inf ? "inf truthy" : "inf falsy", !nan, !inf);
console.log(Number.isNaN(nan), Number.isNaN(inf), Number.isFinite(inf), Number.isFinite(big));
