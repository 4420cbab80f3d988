// Doubles as bits through DataView and Float64Array, NaN payloads, f64 -> f32 narrowing of NaN payloads.
import type { u32, f64 } from "../../../core/types";
import { hex32 } from "./lib/hex";

const buf = new ArrayBuffer(48);
const dv = new DataView(buf, 0, 48);
const d = new Float64Array(buf, 0, 6);
const f = new Float32Array(buf, 0, 12);
const w = new Uint32Array(buf, 0, 12);

function bitsOf(x: f64): string {
  dv.setFloat64(40, x);
  return hex32(dv.getUint32(40)) + hex32(dv.getUint32(44));
}

const zero: f64 = 0;
const samples: f64[] = [0, -0, 1, -1, 0.1, 1 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1 / zero, -1 / zero, 123456789.125];
for (const x of samples) {
  console.log(x, bitsOf(x));
}

const hiWords: u32[] = [0x7ff80000, 0x7ff00000, 0xfff80000, 0x7ff12345, 0x7fffffff];
const loWords: u32[] = [0, 1, 0x20000000, 0xdeadbeef, 0xffffffff];
for (let i = 0; i < hiWords.length; i++) {
  dv.setUint32(0, hiWords[i]);
  dv.setUint32(4, loWords[i]);
  const x: f64 = dv.getFloat64(0);
  dv.setFloat64(8, x);
  dv.setFloat64(16, x, true);
  // little-endian words: element 0 of the Float64Array is bytes 0..7
  w[6] = loWords[i];
  w[7] = hiWords[i];
  d[4] = d[3];
  f[10] = x;
  console.log(
    "bits",
    hex32(hiWords[i]) + hex32(loWords[i]),
    x,
    hex32(dv.getUint32(8)) + hex32(dv.getUint32(12)),
    hex32(dv.getUint32(20, true)) + hex32(dv.getUint32(16, true)),
    hex32(w[9]) + hex32(w[8]),
    hex32(w[10]),
  );
}
