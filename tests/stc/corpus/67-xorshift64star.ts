// xorshift64* PRNG on u64 bigints, and a splitmix64 seeder; derived 32-bit and double outputs.
import type { i32, u32, f64, u64 } from "../../../core/types";

class XorShift64Star {
  state: u64;
  constructor(seed: u64) {
    this.state = seed === 0n ? 1n : seed;
  }
  next(): u64 {
    let x: u64 = this.state;
    x = x ^ (x >> 12n);
    x = x ^ BigInt.asUintN(64, x << 25n);
    x = x ^ (x >> 27n);
    this.state = x;
    return BigInt.asUintN(64, x * 0x2545f4914f6cdd1dn);
  }
  nextU32(): u32 {
    return Number(this.next() >> 32n) >>> 0;
  }
  nextDouble(): f64 {
    return Number(this.next() >> 11n) / 9007199254740992;
  }
}

let sm: u64 = 0n;
function splitmix64(): u64 {
  sm = BigInt.asUintN(64, sm + 0x9e3779b97f4a7c15n);
  let z: u64 = sm;
  z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
  z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
  return z ^ (z >> 31n);
}

const rng = new XorShift64Star(1n);
for (let i = 0; i < 8; i++) {
  console.log("next", rng.next());
}
for (let i = 0; i < 4; i++) {
  console.log("u32", rng.nextU32(), "double", rng.nextDouble());
}
for (let i = 0; i < 4; i++) {
  console.log("splitmix64", splitmix64());
}
const seeded = new XorShift64Star(splitmix64());
const buckets = new Int32Array(10);
for (let i = 0; i < 10000; i++) {
  const b: i32 = (seeded.nextDouble() * 10) | 0;
  buckets[b]++;
}
let line = "";
for (const c of buckets) {
  line = line + c + " ";
}
console.log("buckets", line);
console.log("state", seeded.state, "zero seed", new XorShift64Star(0n).state);
