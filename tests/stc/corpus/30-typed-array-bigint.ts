// BigInt64Array and BigUint64Array: views over one buffer, subarray/fill/set/slice/copyWithin, sums.
import type { i64, u64 } from "../../../core/types";

const buf = new ArrayBuffer(32);
const s = new BigInt64Array(buf, 0, 4);
const u = new BigUint64Array(buf, 0, 4);
const bytes = new Uint8Array(buf, 0, 32);
s[0] = -1n;
s[1] = -9223372036854775808n;
u[2] = 18446744073709551615n;
u[3] = 0x0102030405060708n;
console.log("as signed", s[0], s[1], s[2], s[3]);
console.log("as unsigned", u[0], u[1], u[2], u[3]);
console.log("bytes of [3]", bytes[24], bytes[25], bytes[30], bytes[31]);

const sub = u.subarray(1, 3);
sub[0] = 42n;
console.log("subarray", sub.length, sub[0], sub[1], u[1]);
const copy = s.slice(-2);
copy[0] = 7n;
console.log("slice", copy.length, copy[0], copy[1], s[2]);
const filled = new BigInt64Array(5);
filled.fill(-3n);
filled.fill(9n, -2);
filled.fill(5n, 1, 2);
console.log("fill", filled[0], filled[1], filled[2], filled[3], filled[4]);
filled.copyWithin(0, 3);
console.log("copyWithin", filled[0], filled[1], filled[2], filled[3], filled[4]);
const target = new BigUint64Array(4);
target.set(u.subarray(2, 4), 1);
console.log("set", target[0], target[1], target[2], target[3]);

let sum: u64 = 0n;
const seq = new BigUint64Array(20);
for (let i = 0; i < seq.length; i++) {
  seq[i] = BigInt.asUintN(64, BigInt.asUintN(64, BigInt(i)) * 0x9e3779b97f4a7c15n);
}
for (const x of seq) {
  sum = BigInt.asUintN(64, sum + x);
}
console.log("sum", sum, "last", seq[19]);
let ssum: i64 = 0n;
for (let i = 0; i < seq.length; i++) {
  ssum = BigInt.asIntN(64, ssum + BigInt.asIntN(64, seq[i]));
}
console.log("signed sum", ssum);
