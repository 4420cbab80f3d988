// i8, u8, i16, u16: masking and sign extension with shifts.
import type { i8, u8, i16, u16, i32 } from "../../../core/types";

function toU8(x: i32): u8 {
  return x & 0xff;
}
function toI8(x: i32): i8 {
  return (x << 24) >> 24;
}
function toU16(x: i32): u16 {
  return x & 0xffff;
}
function toI16(x: i32): i16 {
  return (x << 16) >> 16;
}

const values: i32[] = [0, 1, 127, 128, 255, 256, -1, -128, -129, 32767, 32768, 65535, 65536, -32768, -32769, 2147483647, -2147483648, 0x12345678];
for (const v of values) {
  console.log(v, "u8", toU8(v), "i8", toI8(v), "u16", toU16(v), "i16", toI16(v));
}

let b: u8 = 250;
b = (b + 10) & 0xff;
console.log("u8 250+10 wrapped:", b);
let c: i8 = 100;
c = ((c + 100) << 24) >> 24;
console.log("i8 100+100 wrapped:", c);
let w: u16 = 65530;
w = (w + 10) & 0xffff;
console.log("u16 65530+10 wrapped:", w);
let s: i16 = -32000;
s = ((s - 1000) << 16) >> 16;
console.log("i16 -32000-1000 wrapped:", s);

// combining bytes into wider values
const hi: u8 = 0xab;
const lo: u8 = 0xcd;
const word: u16 = ((hi << 8) | lo) & 0xffff;
const sword: i16 = (word << 16) >> 16;
console.log("word", word, "signed", sword);
const bytes: u8[] = [0xde, 0xad, 0xbe, 0xef];
const be: i32 = (bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];
console.log("big-endian i32", be, "as u32", be >>> 0);
