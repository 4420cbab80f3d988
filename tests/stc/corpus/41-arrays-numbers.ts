// Arrays of numbers: literals, [] with a declared type, push (returns the new length), pop, length, index, Array<T>.
import type { i32, u8, f64 } from "../../../core/types";

const xs: i32[] = [5, 3, 8];
console.log("length", xs.length, "first", xs[0], "last", xs[xs.length - 1]);
console.log("push returns", xs.push(13), xs.push(-1), xs.length);
const popped: i32 = xs.pop()!;
console.log("popped", popped, "length", xs.length);
xs[0] = 50;
xs[1] += 1;
let s = "xs:";
for (const x of xs) {
  s = s + " " + x;
}
console.log(s);

const empty: f64[] = [];
console.log("empty length", empty.length);
for (let i = 0; i < 1000; i++) {
  empty.push(i / 8);
}
let total: f64 = 0;
for (const v of empty) {
  total += v;
}
console.log("grown to", empty.length, "total", total, "at 999", empty[999]);
while (empty.length > 3) {
  empty.pop();
}
console.log("shrunk to", empty.length, empty[0], empty[1], empty[2]);

const bytes: u8[] = [255, 0, 128];
bytes.push(7);
console.log("u8 array", bytes[0], bytes[1], bytes[2], bytes[3], bytes.length);

const generic: Array<i32> = [1, 2, 3];
generic.push(4);
console.log("Array<i32>", generic.length, generic[3]);

function sum(a: i32[]): i32 {
  let t: i32 = 0;
  for (let i = 0; i < a.length; i++) {
    t = (t + a[i]) | 0;
  }
  return t;
}
function range(n: i32): i32[] {
  const r: i32[] = [];
  for (let i = 0; i < n; i++) {
    r.push(i);
  }
  return r;
}
function doubleAll(a: i32[]): void {
  for (let i = 0; i < a.length; i++) {
    a[i] = (a[i] * 2) | 0;
  }
}
const r = range(10);
doubleAll(r);
console.log("sum of doubled range", sum(r), r[9]);
const alias = r;
alias.push(100);
console.log("alias sees push", r.length, r[10]);
let stack: i32[] = [];
for (let i = 0; i < 5; i++) {
  stack.push((i * i) | 0);
}
let out = "";
while (stack.length > 0) {
  out = out + stack.pop()! + ",";
}
console.log("stack order", out);
stack = [9, 9];
console.log("reassigned", stack.length);
