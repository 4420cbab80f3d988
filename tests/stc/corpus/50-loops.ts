// Every loop form: for, while, do-while, for-of over arrays and typed arrays, break and continue.
import type { i32, f64 } from "../../../core/types";

let s: i32 = 0;
for (let i = 0; i < 10; i++) {
  s += i;
}
console.log("for", s);
let count: i32 = 0;
for (let i = 10; i > 0; i -= 3) {
  count++;
}
console.log("for down", count);
let k: i32 = 0;
for (;;) {
  k++;
  if (k >= 7) {
    break;
  }
}
console.log("for(;;)", k);
let n: i32 = 27;
let steps: i32 = 0;
while (n !== 1) {
  n = (n & 1) === 0 ? n >> 1 : (3 * n + 1) | 0;
  steps++;
}
console.log("collatz 27 steps", steps);
let d: i32 = 0;
do {
  d++;
} while (d < 0);
console.log("do-while runs once", d);
let p: i32 = 1;
do {
  p = (p * 3) | 0;
} while (p < 1000);
console.log("do-while", p);
const arr: f64[] = [1.5, 2.5, -1];
let total: f64 = 0;
for (const v of arr) {
  total += v;
}
console.log("for-of array", total);
const ta = new Int16Array([3, -4, 5]);
let prod: i32 = 1;
for (const v of ta) {
  prod = Math.imul(prod, v);
}
console.log("for-of typed array", prod);
let odd = "";
for (let i = 0; i < 10; i++) {
  if ((i & 1) === 0) {
    continue;
  }
  odd = odd + i;
}
console.log("continue", odd);
let w: i32 = 0;
while (true) {
  w++;
  if (w < 5) {
    continue;
  }
  break;
}
console.log("while(true)", w);
let nested: i32 = 0;
for (let a = 0; a < 5; a++) {
  for (let b = 0; b < a; b++) {
    let c: i32 = 0;
    while (c < b) {
      c++;
      nested++;
    }
  }
}
console.log("nested", nested);
const names: string[] = ["a", "b"];
for (const x of names) {
  for (const y of names) {
    console.log("pair", x + y);
  }
}
let lo: i32 = 0;
let hi: i32 = 10;
while (lo < hi) {
  console.log("two ends", lo, hi);
  lo += 3;
  hi -= 3;
}
