import type { i32, u32, f64 } from "../../../core/types";

const buf = new ArrayBuffer(8);
const f = new Float64Array(buf, 0, 1);
const w = new Uint32Array(buf, 0, 2);
const f32 = new Float32Array(buf, 0, 1);
let s: u32 = 0x12345678;
function rnd(): u32 {
  s = (s ^ (s << 13)) >>> 0;
  s = (s ^ (s >>> 17)) >>> 0;
  s = (s ^ (s << 5)) >>> 0;
  return s;
}
let out = "";
let count: i32 = 0;
for (let i = 0; i < 3000; i++) {
  w[0] = rnd();
  w[1] = rnd();
  const x: f64 = f[0];
  if (x !== x) continue;
  out += x + " " + f32[0] + "\n";
  count++;
  if ((count & 255) === 0) {
    console.log(out);
    out = "";
  }
}
console.log(out);
// values near powers of ten and integers
for (let e = -30; e <= 30; e++) {
  let p: f64 = 1;
  if (e >= 0) {
    for (let k = 0; k < e; k++) p *= 10;
  } else {
    for (let k = 0; k < -e; k++) p /= 10;
  }
  console.log(p, p * 1.5, p * 7 / 3, -p * 0.999999, p + 1);
}
// small integers scaled
let line = "";
for (let i = 0; i < 200; i++) {
  const v: f64 = i / 8 - 12.5;
  line += v + "," + i * 0.1 + "," + i * 1e15 + ";";
}
console.log(line);
