import type { i32, f64, i64 } from "../../../core/types";

let counter: i32 = 0;
function next(): i32 {
  counter++;
  return counter;
}
function nextF(): f64 {
  counter++;
  return counter / 2;
}
function nextB(): i64 {
  counter++;
  return BigInt(counter);
}
function sub(a: i32, b: i32): i32 {
  return (a - b) | 0;
}
interface Pair {
  a: i32;
  b: i32;
}
class Two {
  x: i32;
  y: i32;
  constructor(x: i32, y: i32) {
    this.x = x;
    this.y = y;
  }
}
console.log(next(), next(), next());
console.log(sub(next(), next()), (next() - next()) | 0, next() - next(), nextF() - nextF(), nextF() / nextF());
console.log(BigInt.asIntN(64, nextB() - nextB()), nextB() / nextB(), next() < next(), next() > next());
console.log("" + next() + "," + next(), `${next()}-${next()}`);
const p: Pair = { a: next(), b: next() };
const t = new Two(next(), next());
console.log(p.a, p.b, t.x, t.y);
const arr = new Int32Array(100);
arr[next()] = next();
let s = "";
for (let i = 0; i < 100; i++) if (arr[i] !== 0) s += i + "=" + arr[i] + " ";
console.log(s);
const xs: i32[] = [next(), next(), next()];
console.log(xs[0], xs[1], xs[2], Math.max(next(), next()), Math.imul(next(), 1) - Math.imul(next(), 1));
const ta = new Int32Array([next(), next()]);
console.log(ta[0], ta[1], (next() << 8) | next(), next() % next(), (next() / next()) | 0);
let k: i32 = 0;
const ys: i32[] = [10, 20, 30, 40];
ys[k++] = (ys[k++] + 1) | 0;
console.log(k, ys[0], ys[1]);
k = 0;
ys[k] = ((k = 2) + ys[k]) | 0;
console.log(k, ys[0], ys[2]);
console.log(next() === 40 ? next() : -next(), next() !== 0 && next() > 0, counter);
