// i32 arithmetic: explicit wrapping with | 0, exact chains, (a * b) | 0 versus Math.imul.
import type { i32 } from "../../../core/types";

const MAX: i32 = 2147483647;
const MIN: i32 = -2147483648;

function add(a: i32, b: i32): i32 {
  return (a + b) | 0;
}
function sub(a: i32, b: i32): i32 {
  return (a - b) | 0;
}
function mulExact(a: i32, b: i32): i32 {
  return (a * b) | 0;
}
function mulImul(a: i32, b: i32): i32 {
  return Math.imul(a, b);
}
function neg(a: i32): i32 {
  return (-a) | 0;
}
function sum3(a: i32, b: i32, c: i32): i32 {
  return (a + b + c) | 0;
}

console.log("add", add(MAX, 1), add(MIN, -1), add(MAX, MAX), add(MIN, MIN), add(-5, 3));
console.log("sub", sub(MIN, 1), sub(0, MIN), sub(MAX, -1), sub(7, 10));
console.log("neg", neg(MIN), neg(5), neg(0), neg(MAX));
console.log("sum3", sum3(MAX, MAX, MAX), sum3(MIN, MIN, 1), sum3(1, 2, 3));
// (a * b) | 0 rounds the product to a double first; Math.imul is the exact low 32 bits
console.log("mul", mulExact(MAX, MAX), mulImul(MAX, MAX));
console.log("mul", mulExact(65536, 65536), mulImul(65536, 65536));
console.log("mul", mulExact(123456, 654321), mulImul(123456, 654321));
console.log("mul", mulExact(-46341, 46341), mulImul(-46341, 46341));
console.log("mul", mulExact(MIN, MIN), mulImul(MIN, MIN));
console.log("mul", mulExact(MIN, -1), mulImul(MIN, -1));
console.log("mul", mulExact(999999937, 999999929), mulImul(999999937, 999999929));
// integer expressions printed without a wrap are exact numbers (doubles)
const a: i32 = MAX;
const b: i32 = MAX;
console.log("exact", a + b, a - MIN, MIN - MAX, a * b, MIN * MIN, MIN * -1);
let acc: i32 = 0;
for (let i = 0; i < 100; i++) {
  acc = (Math.imul(acc, 31) + i) | 0;
}
console.log("hash", acc);
let fib1: i32 = 0;
let fib2: i32 = 1;
for (let i = 0; i < 60; i++) {
  const t: i32 = (fib1 + fib2) | 0;
  fib1 = fib2;
  fib2 = t;
}
console.log("fib wrap", fib1, fib2);
