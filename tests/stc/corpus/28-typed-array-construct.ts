// Typed arrays from lengths, from literals, and as (buffer, byteOffset, length) views sharing one ArrayBuffer.
import type { i32 } from "../../../core/types";

const a = new Int16Array([1, -2, 30000, -32768, 32767]);
const b = new Uint8Array([0, 1, 127, 128, 255]);
const c = new Float32Array([0.5, 1.25, -3.75]);
const d = new Float64Array([0.1, 1e300, -0]);
const e = new Uint32Array([4294967295, 0, 2147483648]);
const f = new Int8Array([-128, 127, 0]);
const g = new BigInt64Array([1n, -2n, 9223372036854775807n]);
const h = new BigUint64Array([18446744073709551615n, 0n]);
const z = new Uint8Array(0);
console.log("lengths", a.length, b.length, c.length, d.length, e.length, f.length, g.length, h.length, z.length);
console.log("a", a[0], a[1], a[2], a[3], a[4]);
console.log("b", b[0], b[1], b[2], b[3], b[4]);
console.log("c", c[0], c[1], c[2]);
console.log("d", d[0], d[1], d[2]);
console.log("e", e[0], e[1], e[2]);
console.log("f", f[0], f[1], f[2]);
console.log("g", g[0], g[1], g[2]);
console.log("h", h[0], h[1]);
const zeros = new Int32Array(5);
console.log("fresh arrays are zero", zeros[0], zeros[4], new Float64Array(3)[2], new BigUint64Array(2)[1]);

const buf = new ArrayBuffer(16);
const bytes = new Uint8Array(buf, 0, 16);
const halves = new Uint16Array(buf, 2, 4);
const words = new Uint32Array(buf, 4, 2);
const floats = new Float32Array(buf, 8, 2);
const dbl = new Float64Array(buf, 8, 1);
const tail = new Int8Array(buf, 12, 4);
console.log("view lengths", bytes.length, halves.length, words.length, floats.length, dbl.length, tail.length, buf.byteLength);
for (let i = 0; i < 16; i++) {
  bytes[i] = (i * 17) & 0xff;
}
console.log("halves", halves[0], halves[1], halves[2], halves[3]);
console.log("words", words[0], words[1]);
console.log("floats", floats[0], floats[1], "double", dbl[0]);
console.log("tail", tail[0], tail[1], tail[2], tail[3]);
words[0] = 0xdeadbeef;
halves[3] = 0x1234;
floats[1] = 1.5;
let line = "bytes";
for (let i = 0; i < bytes.length; i++) {
  line = line + " " + bytes[i];
}
console.log(line);
dbl[0] = -2.5;
console.log("after double store", floats[0], floats[1], tail[0], tail[3], bytes[15]);
let sum: i32 = 0;
for (const x of bytes) {
  sum += x;
}
console.log("sum", sum);
