// Conditions on numbers (0, -0, NaN false), strings (empty false), nullable references (null false), and ! of them.
import type { i32, u32, f64 } from "../../../core/types";

class Box {
  v: i32;
  constructor(v: i32) {
    this.v = v;
  }
}
const zero: f64 = 0;
const nums: f64[] = [0, -0, 1, -1, 0.5, zero / zero, 1 / zero, 5e-324];
for (const n of nums) {
  console.log(n, n ? "truthy" : "falsy", !n);
}
const ints: i32[] = [0, 7, -2147483648];
for (const i of ints) {
  if (i) {
    console.log(i, "int truthy");
  } else {
    console.log(i, "int falsy");
  }
}
const big: u32 = 4294967295;
console.log("u32", big ? 1 : 0, !big);
const strs: string[] = ["", "a", " ", "0", "false"];
for (const s of strs) {
  console.log("string", "[" + s + "]", s ? "truthy" : "falsy", !s);
}
let maybe: Box | null = null;
console.log("null box", maybe ? "truthy" : "falsy", !maybe);
maybe = new Box(0);
console.log("box holding 0", maybe ? "truthy" : "falsy", !maybe);
let ms: string | null = null;
if (!ms) {
  console.log("null string is falsy");
}
ms = "";
console.log("empty string", ms ? "truthy" : "falsy");
ms = "x";
console.log("x", ms ? "truthy" : "falsy");
let arr: i32[] | null = null;
console.log("null array", arr ? "truthy" : "falsy");
arr = [];
console.log("empty array", arr ? "truthy" : "falsy");
let ta: Uint8Array | null = null;
console.log("null typed array", ta ? "truthy" : "falsy");
ta = new Uint8Array(0);
console.log("empty typed array", ta ? "truthy" : "falsy");
let n: i32 = 5;
while (n) {
  n--;
}
console.log("while(n) ends at", n);
let f: f64 = 1;
let halvings: i32 = 0;
while (f) {
  f = f / 2;
  halvings++;
}
console.log("halvings until 0", halvings);
