// SHA-256 (FIPS 180-4), incremental: the device hashes a module while its
// chunks arrive and compares the digest with the one UPLOAD_BEGIN announced
// before it commits (docs/protocol.md, "Upload"). Fixed memory (about 400
// bytes per hasher), no allocation after construction.
//
// API:
//   const h = new Sha256();
//   h.update(bytes, offset, length);    any number of times, any lengths
//   h.digest(out, outOffset);           writes the 32-byte digest; h is then reset
//   h.reset();                          start over
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

/** The size of a digest in bytes. */
export const SHA256_SIZE = 32;

function rotr(x: u32, n: i32): u32 {
  return ((x >>> n) | (x << (32 - n))) >>> 0;
}

export class Sha256 {
  /** The chaining value H0..H7. */
  state: Uint32Array = new Uint32Array(8);
  /** The message schedule of one block. */
  w: Uint32Array = new Uint32Array(64);
  /** The bytes of the block being filled. */
  block: Uint8Array = new Uint8Array(64);
  blockLength: i32 = 0;
  /** Bytes hashed so far, as two 32-bit halves (uploads stay far below 2^32, the count need not). */
  countLow: u32 = 0;
  countHigh: u32 = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    const s = this.state;
    s[0] = 0x6a09e667;
    s[1] = 0xbb67ae85;
    s[2] = 0x3c6ef372;
    s[3] = 0xa54ff53a;
    s[4] = 0x510e527f;
    s[5] = 0x9b05688c;
    s[6] = 0x1f83d9ab;
    s[7] = 0x5be0cd19;
    this.blockLength = 0;
    this.countLow = 0;
    this.countHigh = 0;
  }

  /** Hashes bytes[offset .. offset+length) (the caller has checked the range). */
  update(bytes: Uint8Array, offset: i32, length: i32): void {
    const low = (this.countLow + length) >>> 0;
    if (low < this.countLow) {
      this.countHigh = (this.countHigh + 1) >>> 0;
    }
    this.countLow = low;
    let i = offset;
    const end = (offset + length) | 0;
    while (i < end) {
      if (this.blockLength === 0 && end - i >= 64) {
        // a whole block straight from the input
        this.compress(bytes, i);
        i = (i + 64) | 0;
        continue;
      }
      const n = Math.min(64 - this.blockLength, end - i) | 0;
      this.block.set(bytes.subarray(i, i + n), this.blockLength);
      this.blockLength = (this.blockLength + n) | 0;
      i = (i + n) | 0;
      if (this.blockLength === 64) {
        this.compress(this.block, 0);
        this.blockLength = 0;
      }
    }
  }

  /** Writes the digest of everything hashed into out[outOffset .. outOffset+32), then resets. */
  digest(out: Uint8Array, outOffset: i32): void {
    const bitsHigh: u32 = ((this.countHigh << 3) | (this.countLow >>> 29)) >>> 0;
    const bitsLow: u32 = (this.countLow << 3) >>> 0;
    const block = this.block;
    block[this.blockLength] = 0x80;
    this.blockLength++;
    if (this.blockLength > 56) {
      block.fill(0, this.blockLength, 64);
      this.compress(block, 0);
      this.blockLength = 0;
    }
    block.fill(0, this.blockLength, 56);
    storeBigEndian(block, 56, bitsHigh);
    storeBigEndian(block, 60, bitsLow);
    this.compress(block, 0);
    for (let j = 0; j < 8; j++) {
      storeBigEndian(out, (outOffset + (j << 2)) | 0, this.state[j]);
    }
    this.reset();
  }

  /** One 64-byte block at bytes[at ..] into the state. */
  compress(bytes: Uint8Array, at: i32): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) {
      const p = (at + (t << 2)) | 0;
      w[t] = (bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3];
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = (((w[t - 16] + s0) | 0) + ((w[t - 7] + s1) | 0)) | 0;
    }
    const s = this.state;
    let a: u32 = s[0];
    let b: u32 = s[1];
    let c: u32 = s[2];
    let d: u32 = s[3];
    let e: u32 = s[4];
    let f: u32 = s[5];
    let g: u32 = s[6];
    let h: u32 = s[7];
    for (let t = 0; t < 64; t++) {
      const sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const choice = (e & f) ^ (~e & g);
      const t1 = (((h + sum1) | 0) + ((choice + K[t]) | 0) + w[t]) | 0;
      const sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (sum0 + majority) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    s[0] = s[0] + a;
    s[1] = s[1] + b;
    s[2] = s[2] + c;
    s[3] = s[3] + d;
    s[4] = s[4] + e;
    s[5] = s[5] + f;
    s[6] = s[6] + g;
    s[7] = s[7] + h;
  }
}

function storeBigEndian(out: Uint8Array, at: i32, v: u32): void {
  out[at] = v >>> 24;
  out[at + 1] = v >>> 16;
  out[at + 2] = v >>> 8;
  out[at + 3] = v;
}
