// LEB128 decoding over a Uint8Array (as in WebAssembly binaries): u32, i32 and i64, with a cursor object.
import type { i32, u32, u8, i64, u64 } from "../../../core/types";

class Reader {
  bytes: Uint8Array;
  pos: i32 = 0;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  byte(): u8 {
    const b = this.bytes[this.pos];
    this.pos++;
    return b;
  }
  u32(): u32 {
    let result: u32 = 0;
    let shift: i32 = 0;
    while (true) {
      const b = this.byte();
      result = (result | ((b & 0x7f) << shift)) >>> 0;
      if ((b & 0x80) === 0) {
        return result;
      }
      shift += 7;
    }
  }
  i32(): i32 {
    let result: i32 = 0;
    let shift: i32 = 0;
    let b: u8 = 0;
    do {
      b = this.byte();
      result = result | ((b & 0x7f) << shift);
      shift += 7;
    } while ((b & 0x80) !== 0);
    if (shift < 32 && (b & 0x40) !== 0) {
      result = result | (-1 << shift);
    }
    return result;
  }
  i64(): i64 {
    let result: i64 = 0n;
    let shift: u64 = 0n;
    let b: u8 = 0;
    do {
      b = this.byte();
      result = BigInt.asIntN(64, result | (BigInt(b & 0x7f) << shift));
      shift = BigInt.asUintN(64, shift + 7n);
    } while ((b & 0x80) !== 0);
    if (shift < 64n && (b & 0x40) !== 0) {
      result = BigInt.asIntN(64, result | (-1n << shift));
    }
    return result;
  }
}

function encodeU32(v: u32, out: u8[]): void {
  let x: u32 = v;
  while (true) {
    const b = x & 0x7f;
    x = x >>> 7;
    if (x === 0) {
      out.push(b);
      return;
    }
    out.push(b + 0x80);
  }
}
function encodeI32(v: i32, out: u8[]): void {
  let x: i32 = v;
  while (true) {
    const b = x & 0x7f;
    x = x >> 7;
    if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b + 0x80);
  }
}

const fixed = new Uint8Array([0xe5, 0x8e, 0x26, 0x7f, 0x80, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xc0, 0xbb, 0x78, 0x80, 0x80, 0x80, 0x80, 0x78]);
const r = new Reader(fixed);
console.log("u32 624485:", r.u32());
console.log("i32 -1:", r.i32());
console.log("i32 -128:", r.i32());
console.log("u32 max:", r.u32());
console.log("i32 -123456:", r.i32());
console.log("i32 min:", r.i32(), "pos", r.pos);

const values: i32[] = [0, 1, -1, 63, 64, -64, -65, 127, 128, 624485, -123456, 2147483647, -2147483648];
const buf: u8[] = [];
for (const v of values) {
  encodeI32(v, buf);
  encodeU32(v >>> 0, buf);
}
const bytes = new Uint8Array(buf.length);
for (let i = 0; i < buf.length; i++) {
  bytes[i] = buf[i];
}
console.log("encoded bytes", bytes.length);
const rd = new Reader(bytes);
let ok = true;
for (const v of values) {
  const s = rd.i32();
  const u = rd.u32();
  if (s !== v || u !== v >>> 0) {
    ok = false;
  }
  console.log(v, "->", s, u);
}
console.log("round trip ok", ok, "consumed", rd.pos);
const big = new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xc0, 0xbb, 0x78]);
const r64 = new Reader(big);
console.log("i64 min:", r64.i64(), "i64 max:", r64.i64(), "i64 -123456:", r64.i64());
