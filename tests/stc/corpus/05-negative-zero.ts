// -0: console.log prints "-0", string conversion prints "0"; where -0 comes from.
import type { i32, f64 } from "../../../core/types";

const zero: i32 = 0;
const minusOne: i32 = -1;
const nz: f64 = -0;

console.log(-0);
console.log(0 * -1);
console.log(zero * minusOne);
console.log(-zero);
console.log(nz);
console.log(Math.round(-0.4));
console.log(Math.min(0, -0), Math.min(-0, 0), Math.max(-0, 0), Math.max(0, -0));
console.log("as strings:", "" + nz, `${nz}`, "x" + -0, "y" + zero * minusOne);
console.log(nz === 0, -zero === zero, nz < 0, nz > 0);
console.log(1 / nz, 1 / -zero, 1 / zero);
console.log(Math.sign(nz), Math.abs(nz), Math.ceil(-0.5), Math.trunc(-0.9), Math.floor(nz), Math.sqrt(nz));
console.log(nz + 0, nz - 0, 0 - 0, nz * 5, -nz, nz / -1);
console.log(nz | 0, nz >>> 0, (-zero) | 0, zero / minusOne, (zero / minusOne) | 0);
const neg: f64 = -5;
console.log(neg * 0, neg % 5, -6 % 3, Math.round(-0.5), Math.round(nz));
const i: i32 = (-zero) | 0;
console.log("i32 from -0:", i);
console.log(Number.isInteger(nz), Number.isFinite(nz), Number.isNaN(nz));
if (nz) {
  console.log("-0 is truthy");
} else {
  console.log("-0 is falsy");
}
console.log("ternary:", nz ? "yes" : "no", !nz);
