// NaN bit patterns through Float32Array and DataView: write bits, read as float, store again, print bits.
// Quiet NaNs keep their payload through a float value. A signalling NaN read into a JS number is quieted
// or not depending on how far V8 has optimised the code, so its bits are moved through integer views only
// (docs/static-typescript.md, "NaN bit patterns").
import type { u32, f32, f64 } from "../../../core/types";
import { hex32 } from "./lib/hex";

const buf = new ArrayBuffer(32);
const words = new Uint32Array(buf, 0, 8);
const floats = new Float32Array(buf, 0, 8);
const dv = new DataView(buf, 0, 32);

const patterns: u32[] = [
  0x7fc00000, 0xffc00000, 0x7fc12345, 0x7fffffff, 0xffffffff,
  0x7f800000, 0xff800000, 0x00000001, 0x80000000, 0x3f800000,
];
for (const p of patterns) {
  words[0] = p;
  const x: f32 = floats[0];
  floats[1] = x;
  dv.setUint32(8, p, true);
  const y: f64 = dv.getFloat32(8, true);
  dv.setFloat32(12, y, true);
  dv.setFloat32(16, y);
  dv.setUint32(20, p);
  const z: f64 = dv.getFloat32(20);
  floats[6] = z;
  console.log("bits", hex32(p), x, hex32(words[1]), y, hex32(dv.getUint32(12, true)), hex32(dv.getUint32(16)), hex32(words[6]));
}

// signalling NaNs: bits move unchanged through Uint32Array and DataView integer accessors
const signalling: u32[] = [0x7fa00001, 0x7f800001, 0xff800001, 0x7fbfffff];
for (const p of signalling) {
  words[2] = p;
  words[3] = words[2];
  dv.setUint32(24, dv.getUint32(12, true), false);
  console.log("signalling", hex32(words[3]), hex32(dv.getUint32(24)), Number.isNaN(floats[3]));
}
