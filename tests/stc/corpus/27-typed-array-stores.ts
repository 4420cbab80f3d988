// Out-of-range stores into every typed array kind convert exactly as JS does.
import type { i32, f64, i64, u64 } from "../../../core/types";

const zero: f64 = 0;
const NAN: f64 = zero / zero;
const INF: f64 = 1 / zero;
const values: f64[] = [300, -1, 255.9, -0.5, 128, -129, 70000, 65536, 32768, -32769, 1e10, -1e10, 4294967296, 4294967297, 2147483648, -2147483649, 1e300, 0.1, 16777217, 1e39, -1e-46, -0, 2.5, -2.5];
values.push(NAN);
values.push(INF);
values.push(-INF);

const u8 = new Uint8Array(values.length);
const i8 = new Int8Array(values.length);
const u16 = new Uint16Array(values.length);
const i16 = new Int16Array(values.length);
const u32 = new Uint32Array(values.length);
const i32a = new Int32Array(values.length);
const f32 = new Float32Array(values.length);
const f64a = new Float64Array(values.length);
for (let i = 0; i < values.length; i++) {
  const v = values[i];
  u8[i] = v;
  i8[i] = v;
  u16[i] = v;
  i16[i] = v;
  u32[i] = v;
  i32a[i] = v;
  f32[i] = v;
  f64a[i] = v;
  console.log(v, "u8", u8[i], "i8", i8[i], "u16", u16[i], "i16", i16[i], "u32", u32[i], "i32", i32a[i], "f32", f32[i], "f64", f64a[i]);
}

// integer sources
const ints: i32[] = [300, -1, 256, -2147483648, 2147483647, 65535, -32768];
const bytes = new Uint8Array(ints.length);
const sbytes = new Int8Array(ints.length);
const words = new Uint32Array(ints.length);
for (let i = 0; i < ints.length; i++) {
  bytes[i] = ints[i];
  sbytes[i] = ints[i];
  words[i] = ints[i];
  console.log(ints[i], "->", bytes[i], sbytes[i], words[i]);
}

// bigint arrays: stores wrap like asIntN/asUintN(64, ...)
const UMAX: u64 = 18446744073709551615n;
const MAX: i64 = 9223372036854775807n;
const s64 = new BigInt64Array(4);
const u64a = new BigUint64Array(4);
s64[0] = BigInt.asIntN(64, MAX + 1n);
s64[1] = BigInt.asIntN(64, UMAX);
s64[2] = -5n;
s64[3] = BigInt.asIntN(64, MAX * 3n);
u64a[0] = BigInt.asUintN(64, UMAX + 6n);
u64a[1] = BigInt.asUintN(64, s64[2]);
u64a[2] = UMAX;
u64a[3] = BigInt.asUintN(64, UMAX * UMAX);
console.log("BigInt64Array", s64[0], s64[1], s64[2], s64[3]);
console.log("BigUint64Array", u64a[0], u64a[1], u64a[2], u64a[3]);
