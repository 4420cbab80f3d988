// Shifts: counts are masked to 5 bits (32 -> 0, 33 -> 1, -1 -> 31); << >> >>> on negative values.
import type { i32, u32, f64 } from "../../../core/types";

const MIN: i32 = -2147483648;
const one: i32 = 1;
const counts: i32[] = [0, 1, 4, 31, 32, 33, 63, 64, 100, -1, -31, -32, -33, 2147483647, -2147483648];
for (const c of counts) {
  console.log(c, ":", one << c, MIN >> c, MIN >>> c, -5 >> c, -5 >>> c, 12345 << c, 0x40000000 << c);
}
const ucount: u32 = 4294967295;
console.log("u32 count", one << ucount, 256 >> ucount, -256 >>> ucount);
const fcount: f64 = 33.7;
console.log("f64 count", one << fcount, 1024 >> fcount);
console.log("literals", 1 << 31, 1 << 32, 1 << 33, -1 >>> 0, -1 >>> 31, -1 >> 31, -8 >> 1, -8 >>> 28, 5 >>> 0);
const x: i32 = 0x12345678;
console.log("sign extend", (x << 24) >> 24, (x << 16) >> 16, (x << 8) >> 8, x >>> 24, (x >>> 8) & 0xff);
const y: u32 = 0xdeadbeef;
console.log("u32", y >>> 16, y >> 16, y << 4, (y << 4) >>> 0, y >>> 31, y >> 31);
let bits: i32 = 0;
for (let i = 0; i < 40; i++) {
  bits = bits ^ (one << i);
}
console.log("xor of 1<<0..39:", bits, bits >>> 0);
