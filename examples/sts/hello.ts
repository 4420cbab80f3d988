// hello: a small Static TypeScript program (docs/static-typescript.md).
// `npm start` compiles it to C with stc, builds it with gcc and runs it next to
// the same source under Node; both must print the same bytes.
//
// It computes the CRC-32 table (the reflected polynomial of zlib, PNG and
// Ethernet), the CRC-32 of "123456789" (the standard check value 0xcbf43926),
// a 64-bit FNV-1a hash of the same bytes, and a few doubles and floats.
import type { i32, u8, u32, f32, f64, u64, i64 } from "../../core/types";

const POLY: u32 = 0xedb88320;
const FNV_OFFSET: u64 = 0xcbf29ce484222325n;
const FNV_PRIME: u64 = 0x100000001b3n;

class Crc32 {
  table: Uint32Array = new Uint32Array(256);
  crc: u32 = 0xffffffff;

  constructor() {
    const table = this.table;
    for (let n: i32 = 0; n < 256; n++) {
      let c: u32 = n >>> 0;
      for (let k: i32 = 0; k < 8; k++) {
        c = (c & 1) !== 0 ? (POLY ^ (c >>> 1)) >>> 0 : c >>> 1;
      }
      table[n] = c;
    }
  }

  update(data: Uint8Array): void {
    const table = this.table;
    let crc: u32 = this.crc;
    for (const b of data) {
      crc = (table[(crc ^ b) & 0xff] ^ (crc >>> 8)) >>> 0;
    }
    this.crc = crc;
  }

  digest(): u32 {
    return (this.crc ^ 0xffffffff) >>> 0;
  }
}

function fnv1a64(data: Uint8Array): u64 {
  let h: u64 = FNV_OFFSET;
  for (let i: i32 = 0; i < data.length; i++) {
    const b: u8 = data[i];
    h = BigInt.asUintN(64, (h ^ BigInt(b)) * FNV_PRIME);
  }
  return h;
}

// "123456789" as bytes: STS strings are for messages and have no indexing.
const message = new Uint8Array([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);

const crc = new Crc32();
crc.update(message);
const check: u32 = crc.digest();
console.log("crc32 table[1] =", crc.table[1], "table[255] =", crc.table[255]);
console.log(`crc32("123456789") = ${check}`, check === 0xcbf43926 ? "ok" : "WRONG");

// The same CRC, fed in two pieces, gives the same value.
const again = new Crc32();
again.update(message.subarray(0, 4));
again.update(message.subarray(4, 9));
console.log("in two pieces:", again.digest() === check);

const h: u64 = fnv1a64(message);
const inverted: i64 = BigInt.asIntN(64, ~h);
console.log("fnv1a64 =", h, "~fnv1a64 as i64 =", inverted, "low 32 bits =", Number(BigInt.asUintN(32, h)));

// Doubles print like JavaScript's String(x): shortest round-trip digits.
let sum: i32 = 0;
for (const b of message) {
  sum = (sum + b) | 0;
}
const mean: f64 = sum / message.length;
const fraction: f64 = check / 4294967296;
const third: f32 = Math.fround(1 / 3);
console.log("mean byte =", mean, "crc / 2^32 =", fraction);
console.log("sqrt(2) =", Math.sqrt(2), "fround(1/3) =", third, "1e21 =", 1e21, "1 / 3 =", 1 / 3);
console.log(`${message.length} bytes, ${sum} total, ${Math.floor(fraction * 1000) / 1000} rounded down`);
