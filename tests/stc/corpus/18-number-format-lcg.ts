// Number formatting of 200 doubles built from LCG-generated bits with DataView.
import type { i32, u32, f64 } from "../../../core/types";

let seed: u32 = 20240601;
function next(): u32 {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed;
}

const dv = new DataView(new ArrayBuffer(8), 0, 8);
function fromBits(hi: u32, lo: u32): f64 {
  dv.setUint32(0, hi);
  dv.setUint32(4, lo);
  return dv.getFloat64(0);
}

// 1. raw bit patterns: any exponent, subnormals, maybe NaN
for (let i = 0; i < 60; i++) {
  const hi: u32 = next();
  const lo: u32 = next();
  console.log("raw", i, fromBits(hi, lo));
}
// 2. exponents near 1.0 (2^-40 .. 2^40), random sign and mantissa
for (let i = 0; i < 60; i++) {
  const e: i32 = (next() % 81 + 983) | 0;
  const hi: u32 = ((next() & 0x800fffff) | (e << 20)) >>> 0;
  const lo: u32 = next();
  console.log("mid", i, fromBits(hi, lo));
}
// 3. short mantissas (few significant bits)
for (let i = 0; i < 30; i++) {
  const e: i32 = (next() % 201 + 923) | 0;
  const hi: u32 = ((next() & 0x800f0000) | (e << 20)) >>> 0;
  console.log("short", i, fromBits(hi, 0));
}
// 4. decimal fractions and scaled values
for (let i = 0; i < 30; i++) {
  const r: u32 = next();
  const dec: f64 = (r % 1000000) / 1000;
  const unit: f64 = r / 4294967296;
  const scaled: f64 = unit * 1e-3 * (i + 1);
  console.log("dec", i, dec, unit, scaled);
}
// 5. integers near 2^53 and above
for (let i = 0; i < 20; i++) {
  const hi: u32 = (0x43300000 + (next() & 0x1fffff)) >>> 0;
  console.log("int", i, fromBits(hi, next()));
}
