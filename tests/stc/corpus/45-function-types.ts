// Function types: top-level functions stored in variables, arrays, class fields and interface fields, passed and returned.
import type { i32, f64 } from "../../../core/types";

function add(a: i32, b: i32): i32 {
  return (a + b) | 0;
}
function sub(a: i32, b: i32): i32 {
  return (a - b) | 0;
}
function mul(a: i32, b: i32): i32 {
  return Math.imul(a, b);
}
function square(x: f64): f64 {
  return x * x;
}
function half(x: f64): f64 {
  return x / 2;
}
function greet(name: string): string {
  return "hello " + name;
}
function shout(name: string): string {
  return name + "!";
}

function fold(xs: i32[], init: i32, f: (acc: i32, x: i32) => i32): i32 {
  let acc = init;
  for (const x of xs) {
    acc = f(acc, x);
  }
  return acc;
}
function twice(f: (x: f64) => f64, x: f64): f64 {
  return f(f(x));
}
function pick(name: string): (a: i32, b: i32) => i32 {
  if (name === "add") {
    return add;
  }
  if (name === "sub") {
    return sub;
  }
  return mul;
}

let op: (a: i32, b: i32) => i32 = add;
console.log("op add", op(2, 3));
op = sub;
console.log("op sub", op(2, 3));
const ops: ((a: i32, b: i32) => i32)[] = [add, sub, mul];
for (const f of ops) {
  console.log("ops", f(7, 6), f(-2147483648, -1));
}
console.log("ops[2]", ops[2](100000, 100000));
const nums: i32[] = [1, 2, 3, 4, 5];
console.log("fold", fold(nums, 0, add), fold(nums, 1, mul), fold(nums, 100, sub));
console.log("twice", twice(square, 3), twice(half, 10), twice(square, 1e200));
console.log("pick", pick("add")(1, 2), pick("sub")(1, 2), pick("other")(3, 4));

class Button {
  label: string;
  onPress: (name: string) => string;
  constructor(label: string, onPress: (name: string) => string) {
    this.label = label;
    this.onPress = onPress;
  }
  press(): string {
    return this.onPress(this.label);
  }
}
const b1 = new Button("ok", greet);
const b2 = new Button("stop", shout);
console.log("buttons", b1.press(), "/", b2.press());
b1.onPress = shout;
console.log("rebound", b1.press());

interface Transform {
  name: string;
  apply: (x: f64) => f64;
}
const pipeline: Transform[] = [
  { name: "square", apply: square },
  { name: "half", apply: half },
  { name: "square", apply: square },
];
let v: f64 = 3;
let trace = "3";
for (const t of pipeline) {
  v = t.apply(v);
  trace = trace + " -" + t.name + "-> " + v;
}
console.log(trace);
console.log("same function", op === sub, ops[0] === add, pipeline[0].apply === pipeline[2].apply);
