// SHA-256 (FIPS 180-4), incremental, for the module store: commitInstall hashes
// what it reads back from flash, readModule checks a module before it runs.
//
// Temporary: core/protocol/sha256.ts (class Sha256 with the same update /
// digest / reset shape) replaces this file once it is committed.
import type { i32, u32 } from "../types";

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

export class Sha256 {
  h: Uint32Array = new Uint32Array(8);
  block: Uint8Array = new Uint8Array(64);
  w: Uint32Array = new Uint32Array(64);
  blockUsed: i32 = 0;
  /** bytes hashed so far, as two words (a module is far below 2^32 bytes, but the padding wants 64 bits) */
  totalLow: u32 = 0;
  totalHigh: u32 = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    const h = this.h;
    h[0] = 0x6a09e667;
    h[1] = 0xbb67ae85;
    h[2] = 0x3c6ef372;
    h[3] = 0xa54ff53a;
    h[4] = 0x510e527f;
    h[5] = 0x9b05688c;
    h[6] = 0x1f83d9ab;
    h[7] = 0x5be0cd19;
    this.blockUsed = 0;
    this.totalLow = 0;
    this.totalHigh = 0;
  }

  update(bytes: Uint8Array, offset: u32, length: u32): void {
    const low = (this.totalLow + length) >>> 0;
    if (low < this.totalLow) this.totalHigh = (this.totalHigh + 1) >>> 0;
    this.totalLow = low;
    let i = offset;
    const end = offset + length;
    while (i < end) {
      const take = Math.min(64 - this.blockUsed, end - i);
      this.block.set(bytes.subarray(i, i + take), this.blockUsed);
      this.blockUsed = (this.blockUsed + take) | 0;
      i = (i + take) >>> 0;
      if (this.blockUsed === 64) {
        this.compress();
        this.blockUsed = 0;
      }
    }
  }

  /** Writes the 32-byte digest into out[0..32); the hash must be reset before it is used again. */
  digest(out: Uint8Array): void {
    const bitsHigh = ((this.totalHigh << 3) | (this.totalLow >>> 29)) >>> 0;
    const bitsLow = (this.totalLow << 3) >>> 0;
    this.block[this.blockUsed] = 0x80;
    this.blockUsed = (this.blockUsed + 1) | 0;
    if (this.blockUsed > 56) {
      this.block.fill(0, this.blockUsed, 64);
      this.compress();
      this.blockUsed = 0;
    }
    this.block.fill(0, this.blockUsed, 56);
    for (let k = 0; k < 4; k++) {
      this.block[56 + k] = bitsHigh >>> (24 - 8 * k);
      this.block[60 + k] = bitsLow >>> (24 - 8 * k);
    }
    this.compress();
    for (let j = 0; j < 8; j++) {
      const v = this.h[j];
      out[4 * j] = v >>> 24;
      out[4 * j + 1] = v >>> 16;
      out[4 * j + 2] = v >>> 8;
      out[4 * j + 3] = v;
    }
  }

  compress(): void {
    const w = this.w;
    const b = this.block;
    for (let t = 0; t < 16; t++) {
      w[t] = (b[4 * t] << 24) | (b[4 * t + 1] << 16) | (b[4 * t + 2] << 8) | b[4 * t + 3];
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) >>> 0;
      const s1 = (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10)) >>> 0;
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    const h = this.h;
    let a = h[0];
    let bb = h[1];
    let c = h[2];
    let d = h[3];
    let e = h[4];
    let f = h[5];
    let g = h[6];
    let hh = h[7];
    for (let t = 0; t < 64; t++) {
      const sum1 = (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) >>> 0;
      const choose = ((e & f) ^ (~e & g)) >>> 0;
      const t1 = (hh + sum1 + choose + K[t] + w[t]) >>> 0;
      const sum0 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) >>> 0;
      const majority = ((a & bb) ^ (a & c) ^ (bb & c)) >>> 0;
      const t2 = (sum0 + majority) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0] + a;
    h[1] = h[1] + bb;
    h[2] = h[2] + c;
    h[3] = h[3] + d;
    h[4] = h[4] + e;
    h[5] = h[5] + f;
    h[6] = h[6] + g;
    h[7] = h[7] + hh;
  }
}
