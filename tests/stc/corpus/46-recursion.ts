// Recursion: fib, Ackermann, mutual recursion, functions used before their declaration, gcd, Hanoi.
import type { i32, u32, f64 } from "../../../core/types";

console.log("fib", fib(20), fib(30), "even/odd", isEven(10), isOdd(7), isEven(7));

function fib(n: i32): i32 {
  if (n < 2) {
    return n;
  }
  return (fib((n - 1) | 0) + fib((n - 2) | 0)) | 0;
}
function isEven(n: u32): boolean {
  return n === 0 ? true : isOdd((n - 1) >>> 0);
}
function isOdd(n: u32): boolean {
  return n === 0 ? false : isEven((n - 1) >>> 0);
}
function ack(m: i32, n: i32): i32 {
  if (m === 0) {
    return (n + 1) | 0;
  }
  if (n === 0) {
    return ack((m - 1) | 0, 1);
  }
  return ack((m - 1) | 0, ack(m, (n - 1) | 0));
}
function gcd(a: i32, b: i32): i32 {
  return b === 0 ? a : gcd(b, (a % b) | 0);
}
let moves: i32 = 0;
function hanoi(n: i32, from: string, to: string, via: string): void {
  if (n === 0) {
    return;
  }
  hanoi((n - 1) | 0, from, via, to);
  moves++;
  if (n === 4) {
    console.log("move disk 4 from", from, "to", to);
  }
  hanoi((n - 1) | 0, via, to, from);
}
function power(base: f64, exp: i32): f64 {
  if (exp === 0) {
    return 1;
  }
  const h = power(base, (exp / 2) | 0);
  return (exp & 1) === 1 ? h * h * base : h * h;
}

console.log("ack", ack(2, 3), ack(3, 3));
console.log("gcd", gcd(1071, 462), gcd(-48, 18), gcd(17, 0));
hanoi(6, "A", "C", "B");
console.log("hanoi moves", moves);
console.log("power", power(2, 10), power(1.5, 7), power(10, 22), power(10, 23));
