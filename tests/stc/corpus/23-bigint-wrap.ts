// BigInt.asIntN / asUintN: wrapping at 2^63 and 2^64, smaller widths, conversions between i64 and u64.
import type { i64, u64 } from "../../../core/types";

const MAX: i64 = 9223372036854775807n;
const MIN: i64 = -9223372036854775808n;
const UMAX: u64 = 18446744073709551615n;
const UZERO: u64 = 0n;
const ONE: i64 = 1n;

console.log("MAX + 1", BigInt.asIntN(64, MAX + 1n));
console.log("MIN - 1", BigInt.asIntN(64, MIN - 1n));
console.log("UMAX + 1", BigInt.asUintN(64, UMAX + 1n));
console.log("0 - 1 (u64)", BigInt.asUintN(64, UZERO - 1n));
console.log("UMAX as i64", BigInt.asIntN(64, UMAX));
console.log("MIN as u64", BigInt.asUintN(64, MIN));
console.log("-1 as u64", BigInt.asUintN(64, BigInt.asIntN(64, -ONE)));
console.log("MAX * 2", BigInt.asIntN(64, MAX * 2n));
console.log("MIN * MIN", BigInt.asIntN(64, MIN * MIN));
console.log("MIN * -1", BigInt.asIntN(64, MIN * -1n));
console.log("-MIN", BigInt.asIntN(64, -MIN));
console.log("~MAX", BigInt.asIntN(64, ~MAX), "~UMAX", BigInt.asUintN(64, ~UMAX), "~0", BigInt.asUintN(64, ~UZERO));
console.log("-UMAX", BigInt.asUintN(64, -UMAX));
console.log("UMAX * UMAX", BigInt.asUintN(64, UMAX * UMAX), "as i64", BigInt.asIntN(64, UMAX * UMAX));
console.log("2^64 + 5", BigInt.asUintN(64, UMAX + 6n));
console.log("chain", BigInt.asUintN(64, UMAX * 3n + 7n - 100n ^ 0xffn << 3n), BigInt.asIntN(64, MAX * MAX - MIN + (MAX & 12345n)));

const samples: i64[] = [0n, 1n, -1n, 127n, 128n, 255n, 256n, -128n, -129n, 32767n, 32768n, 65535n, -32769n, 2147483647n, 2147483648n, -2147483649n, 4294967295n, 4294967296n, MAX, MIN];
for (const s of samples) {
  console.log(
    s,
    "i8", BigInt.asIntN(8, s), "u8", BigInt.asUintN(8, s),
    "i16", BigInt.asIntN(16, s), "u16", BigInt.asUintN(16, s),
    "i32", BigInt.asIntN(32, s), "u32", BigInt.asUintN(32, s),
    "i1", BigInt.asIntN(1, s), "u1", BigInt.asUintN(1, s),
    "i63", BigInt.asIntN(63, s), "u63", BigInt.asUintN(63, s),
    "i48", BigInt.asIntN(48, s), "u33", BigInt.asUintN(33, s),
  );
}
