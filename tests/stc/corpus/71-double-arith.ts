// f64 arithmetic: rounding of + - * /, compound assignment, accumulation error, large and tiny magnitudes.
import type { i32, f64 } from "../../../core/types";

const a: f64 = 0.1;
const b: f64 = 0.2;
console.log(a + b, a * b, a / b, a - b, b - a, a * 3, 3 * a === 0.3);
console.log(1e16 + 1, 1e16 + 2, 1 + 9007199254740992, 9007199254740992 + 1, 9007199254740992 + 2);
console.log(1 / 3 + 1 / 3 + 1 / 3, 0.1 * 0.1, 100 * 1.1, 1.15 * 100, 4.35 * 100);
console.log(5e-324 * 0.5, 2.2250738585072014e-308 / 2, 1e308 + 1e308, -1e308 * 1e10);
let x: f64 = 1;
x *= 1.5;
x /= 0.3;
x -= 0.1;
x += 1e-16;
x %= 0.7;
console.log("compound", x);
let sum: f64 = 0;
for (let i = 0; i < 1000; i++) {
  sum += 0.001;
}
console.log("sum of 1000 x 0.001", sum);
let kahan: f64 = 0;
let comp: f64 = 0;
for (let i = 0; i < 1000; i++) {
  const y: f64 = 0.001 - comp;
  const t: f64 = kahan + y;
  comp = t - kahan - y;
  kahan = t;
}
console.log("kahan", kahan);
const n: i32 = 7;
const m: i32 = -3;
console.log("int to double", n / m, n * 0.5, m - 0.5, n + 1e-9, (n / m) * m);
let fact: f64 = 1;
for (let i = 1; i <= 25; i++) {
  fact *= i;
}
console.log("25!", fact, "170!>", fact > 1e25);
let h: f64 = 0;
for (let i = 1; i <= 100; i++) {
  h += 1 / i;
}
console.log("harmonic 100", h);
let p: f64 = 1;
for (let i = 0; i < 1100; i++) {
  p /= 2;
}
console.log("2^-1100", p);
let g: f64 = 1;
for (let i = 0; i < 1100; i++) {
  g *= 2;
}
console.log("2^1100", g);
