// ArrayBuffer and DataView sizes, DataView windows with offset and length, views at the end of a buffer.
import type { i32 } from "../../../core/types";

const buf = new ArrayBuffer(20);
console.log("buffer", buf.byteLength);
const whole = new DataView(buf);
const middle = new DataView(buf, 4, 8);
const rest = new DataView(buf, 12);
console.log("dataviews", whole.byteLength, middle.byteLength, rest.byteLength);
middle.setUint8(0, 0xaa);
middle.setUint32(4, 0x11223344, true);
rest.setUint16(0, 0xbeef);
console.log("through whole", whole.getUint8(4), whole.getUint32(8, true), whole.getUint16(12));
const last = new Uint8Array(buf, 16, 4);
last[3] = 9;
console.log("last byte", whole.getUint8(19), rest.getUint8(7));
const empty = new ArrayBuffer(0);
console.log("empty", empty.byteLength, new DataView(empty).byteLength, new Uint8Array(empty, 0, 0).length);
const sizes: i32[] = [1, 7, 64, 1000];
for (const n of sizes) {
  const b = new ArrayBuffer(n);
  const v = new Uint8Array(b, 0, n);
  v.fill(1);
  let s: i32 = 0;
  for (const x of v) {
    s += x;
  }
  console.log("size", n, b.byteLength, s);
}
