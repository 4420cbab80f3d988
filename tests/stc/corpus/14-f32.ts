// f32: Math.fround rounding, f32 variables, Float32Array, the f32 add Math.fround(a + b).
import type { i32, f32, f64 } from "../../../core/types";

const a: f32 = Math.fround(0.1);
const b: f32 = Math.fround(0.2);
console.log(a, b, a + b, Math.fround(a + b));
const half: f32 = 0.5;
const neg: f32 = -2.75;
const big: f32 = 16777216;
console.log(half, neg, big, Math.fround(16777217), Math.fround(16777219), Math.fround(2147483647));
console.log(Math.fround(3.4028234663852886e38), Math.fround(3.4028235677973366e38), Math.fround(1e39), Math.fround(-1e39));
console.log(Math.fround(1e-46), Math.fround(-1e-46), Math.fround(1.401298464324817e-45), Math.fround(1.1754943508222875e-38));
console.log(Math.fround(1 / 3), Math.fround(2 / 3), Math.fround(123456.789), Math.fround(-0.1));
let acc: f32 = 0;
for (let i = 0; i < 10; i++) {
  acc = Math.fround(acc + a);
}
console.log("ten times 0.1f:", acc);
let dacc: f64 = 0;
for (let i = 0; i < 10; i++) {
  dacc += 0.1;
}
console.log("ten times 0.1:", dacc);
const prod: f32 = Math.fround(a * b);
const quot: f32 = Math.fround(a / b);
const diff: f32 = Math.fround(a - b);
console.log("ops", prod, quot, diff, Math.fround(Math.sqrt(a)));
const arr = new Float32Array(4);
arr[0] = a;
arr[1] = Math.fround(a + b);
arr[2] = half;
arr[3] = big;
const fromArr: f32 = arr[1];
const wide: f64 = fromArr;
console.log("Float32Array", arr[0], arr[1], arr[2], arr[3], wide);
const toInt: i32 = Math.fround(2.7) | 0;
console.log("to int", toInt, Math.fround(-2.7) | 0);
let harmonic: f32 = 0;
for (let k = 1; k <= 100; k++) {
  harmonic = Math.fround(harmonic + Math.fround(1 / k));
}
console.log("harmonic f32", harmonic);
console.log("compare", a === Math.fround(0.1), a === 0.1, a > 0.1, b < 0.2);
