// Numeric types declared locally with the exact alias names (no import from core/types).
type i8 = number;
type u8 = number;
type i32 = number;
type u32 = number;
type f32 = number;
type f64 = number;
type i64 = bigint;
type u64 = bigint;

function clampByte(x: i32): u8 {
  return x < 0 ? 0 : x > 255 ? 255 : x & 0xff;
}
function toSigned(x: u8): i8 {
  return (x << 24) >> 24;
}
function half(x: f32): f32 {
  return Math.fround(x / 2);
}
function widen(x: u32): u64 {
  return BigInt.asUintN(64, BigInt(x));
}
function square(x: i64): i64 {
  return BigInt.asIntN(64, x * x);
}

const values: i32[] = [-5, 0, 100, 255, 256, 1000];
for (const v of values) {
  const b = clampByte(v);
  console.log(v, "->", b, toSigned(b));
}
const third: f32 = Math.fround(1 / 3);
console.log("f32", third, half(third));
const d: f64 = third;
console.log("f64", d * 3);
console.log("u64", widen(4294967295), BigInt.asUintN(64, widen(4294967295) * widen(4294967295)));
console.log("i64", square(3037000499n), square(3037000500n));
