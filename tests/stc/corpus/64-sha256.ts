// SHA-256 with u32 arithmetic (>>> 0, rotations), over byte messages; prints hex digests.
import type { i32, u32 } from "../../../core/types";
import { hex32 } from "./lib/hex";

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function rotr(x: u32, n: i32): u32 {
  return ((x >>> n) | (x << (32 - n))) >>> 0;
}

function sha256(msg: Uint8Array): string {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const bitLen: i32 = Math.imul(msg.length, 8);
  const padded: i32 = Math.imul(((msg.length + 72) / 64) | 0, 64);
  const data = new Uint8Array(padded);
  data.set(msg);
  data[msg.length] = 0x80;
  data[padded - 4] = bitLen >>> 24;
  data[padded - 3] = bitLen >>> 16;
  data[padded - 2] = bitLen >>> 8;
  data[padded - 1] = bitLen;
  const w = new Uint32Array(64);
  for (let off = 0; off < padded; off += 64) {
    for (let t = 0; t < 16; t++) {
      const p: i32 = (off + t * 4) | 0;
      w[t] = (data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3];
    }
    for (let t = 16; t < 64; t++) {
      const w15: u32 = w[t - 15];
      const w2: u32 = w[t - 2];
      const s0: u32 = (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)) >>> 0;
      const s1: u32 = (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10)) >>> 0;
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    let a: u32 = h[0];
    let b: u32 = h[1];
    let c: u32 = h[2];
    let d: u32 = h[3];
    let e: u32 = h[4];
    let f: u32 = h[5];
    let g: u32 = h[6];
    let hh: u32 = h[7];
    for (let t = 0; t < 64; t++) {
      const S1: u32 = (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) >>> 0;
      const ch: u32 = ((e & f) ^ (~e & g)) >>> 0;
      const t1: u32 = (hh + S1 + ch + K[t] + w[t]) >>> 0;
      const S0: u32 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) >>> 0;
      const maj: u32 = ((a & b) ^ (a & c) ^ (b & c)) >>> 0;
      const t2: u32 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0] + a;
    h[1] = h[1] + b;
    h[2] = h[2] + c;
    h[3] = h[3] + d;
    h[4] = h[4] + e;
    h[5] = h[5] + f;
    h[6] = h[6] + g;
    h[7] = h[7] + hh;
  }
  let out = "";
  for (const x of h) {
    out = out + hex32(x);
  }
  return out;
}
function bytesOf(codes: i32[]): Uint8Array {
  const b = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    b[i] = codes[i];
  }
  return b;
}

console.log("sha256('') =", sha256(new Uint8Array(0)));
console.log("sha256('abc') =", sha256(bytesOf([0x61, 0x62, 0x63])));
const long = new Uint8Array(1000);
long.fill(0x61);
console.log("sha256('a' x 1000) =", sha256(long));
const ramp = new Uint8Array(200);
for (let i = 0; i < ramp.length; i++) {
  ramp[i] = (i * 7) & 0xff;
}
for (let len = 54; len <= 66; len += 4) {
  console.log("sha256(ramp[0..", len, "]) =", sha256(ramp.subarray(0, len)));
}
