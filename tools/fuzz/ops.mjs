// The numeric instructions the execution fuzzer generates, by value type:
// opcode, operand types and result type.
export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const NUM = [I32, I64, F32, F64];
export const isFloat = (t) => t === F32 || t === F64;
export const typeName = (t) => ({ [I32]: "i32", [I64]: "i64", [F32]: "f32", [F64]: "f64" })[t] || "t" + t;

/** Unary operators and conversions: { op, in, out, name }; op >= 0xfc00 is 0xfc-prefixed. */
export const UNOPS = [];
/** Binary operators and comparisons: { op, in, out, name } (both operands of type `in`). */
export const BINOPS = [];

function un(op, a, out, name) {
  UNOPS.push({ op, in: a, out, name });
}
function bin(op, a, out, name) {
  BINOPS.push({ op, in: a, out, name });
}

un(0x45, I32, I32, "i32.eqz");
un(0x67, I32, I32, "i32.clz");
un(0x68, I32, I32, "i32.ctz");
un(0x69, I32, I32, "i32.popcnt");
un(0xc0, I32, I32, "i32.extend8_s");
un(0xc1, I32, I32, "i32.extend16_s");
un(0x50, I64, I32, "i64.eqz");
un(0x79, I64, I64, "i64.clz");
un(0x7a, I64, I64, "i64.ctz");
un(0x7b, I64, I64, "i64.popcnt");
un(0xc2, I64, I64, "i64.extend8_s");
un(0xc3, I64, I64, "i64.extend16_s");
un(0xc4, I64, I64, "i64.extend32_s");
["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"].forEach((n, i) => {
  un(0x8b + i, F32, F32, "f32." + n);
  un(0x99 + i, F64, F64, "f64." + n);
});
un(0xa7, I64, I32, "i32.wrap_i64");
un(0xa8, F32, I32, "i32.trunc_f32_s");
un(0xa9, F32, I32, "i32.trunc_f32_u");
un(0xaa, F64, I32, "i32.trunc_f64_s");
un(0xab, F64, I32, "i32.trunc_f64_u");
un(0xac, I32, I64, "i64.extend_i32_s");
un(0xad, I32, I64, "i64.extend_i32_u");
un(0xae, F32, I64, "i64.trunc_f32_s");
un(0xaf, F32, I64, "i64.trunc_f32_u");
un(0xb0, F64, I64, "i64.trunc_f64_s");
un(0xb1, F64, I64, "i64.trunc_f64_u");
un(0xb2, I32, F32, "f32.convert_i32_s");
un(0xb3, I32, F32, "f32.convert_i32_u");
un(0xb4, I64, F32, "f32.convert_i64_s");
un(0xb5, I64, F32, "f32.convert_i64_u");
un(0xb6, F64, F32, "f32.demote_f64");
un(0xb7, I32, F64, "f64.convert_i32_s");
un(0xb8, I32, F64, "f64.convert_i32_u");
un(0xb9, I64, F64, "f64.convert_i64_s");
un(0xba, I64, F64, "f64.convert_i64_u");
un(0xbb, F32, F64, "f64.promote_f32");
un(0xbc, F32, I32, "i32.reinterpret_f32");
un(0xbd, F64, I64, "i64.reinterpret_f64");
un(0xbe, I32, F32, "f32.reinterpret_i32");
un(0xbf, I64, F64, "f64.reinterpret_i64");
un(0xfc00, F32, I32, "i32.trunc_sat_f32_s");
un(0xfc01, F32, I32, "i32.trunc_sat_f32_u");
un(0xfc02, F64, I32, "i32.trunc_sat_f64_s");
un(0xfc03, F64, I32, "i32.trunc_sat_f64_u");
un(0xfc04, F32, I64, "i64.trunc_sat_f32_s");
un(0xfc05, F32, I64, "i64.trunc_sat_f32_u");
un(0xfc06, F64, I64, "i64.trunc_sat_f64_s");
un(0xfc07, F64, I64, "i64.trunc_sat_f64_u");

["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"].forEach((n, i) => {
  bin(0x46 + i, I32, I32, "i32." + n);
  bin(0x51 + i, I64, I32, "i64." + n);
});
["eq", "ne", "lt", "gt", "le", "ge"].forEach((n, i) => {
  bin(0x5b + i, F32, I32, "f32." + n);
  bin(0x61 + i, F64, I32, "f64." + n);
});
["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"].forEach((n, i) => {
  bin(0x6a + i, I32, I32, "i32." + n);
  bin(0x7c + i, I64, I64, "i64." + n);
});
["add", "sub", "mul", "div", "min", "max", "copysign"].forEach((n, i) => {
  bin(0x92 + i, F32, F32, "f32." + n);
  bin(0xa0 + i, F64, F64, "f64." + n);
});

/** Division and remainder: the ones that trap on a zero divisor. */
export const DIVISIONS = new Set([0x6d, 0x6e, 0x6f, 0x70, 0x7f, 0x80, 0x81, 0x82]);
export const COPYSIGN = new Set([0x98, 0xa6]);
/** Reinterpretations from float to integer: they expose NaN bits, which the spec leaves open. */
export const FLOAT_TO_BITS = new Set([0xbc, 0xbd]);
export const BITS_TO_FLOAT = new Set([0xbe, 0xbf]);

/** Loads: { op, out, bytes (access width), name }; stores: { op, in, bytes, name }. */
export const LOADS = [
  { op: 0x28, out: I32, bytes: 4, name: "i32.load" },
  { op: 0x29, out: I64, bytes: 8, name: "i64.load" },
  { op: 0x2a, out: F32, bytes: 4, name: "f32.load" },
  { op: 0x2b, out: F64, bytes: 8, name: "f64.load" },
  { op: 0x2c, out: I32, bytes: 1, name: "i32.load8_s" },
  { op: 0x2d, out: I32, bytes: 1, name: "i32.load8_u" },
  { op: 0x2e, out: I32, bytes: 2, name: "i32.load16_s" },
  { op: 0x2f, out: I32, bytes: 2, name: "i32.load16_u" },
  { op: 0x30, out: I64, bytes: 1, name: "i64.load8_s" },
  { op: 0x31, out: I64, bytes: 1, name: "i64.load8_u" },
  { op: 0x32, out: I64, bytes: 2, name: "i64.load16_s" },
  { op: 0x33, out: I64, bytes: 2, name: "i64.load16_u" },
  { op: 0x34, out: I64, bytes: 4, name: "i64.load32_s" },
  { op: 0x35, out: I64, bytes: 4, name: "i64.load32_u" },
];
export const STORES = [
  { op: 0x36, in: I32, bytes: 4, name: "i32.store" },
  { op: 0x37, in: I64, bytes: 8, name: "i64.store" },
  { op: 0x38, in: F32, bytes: 4, name: "f32.store" },
  { op: 0x39, in: F64, bytes: 8, name: "f64.store" },
  { op: 0x3a, in: I32, bytes: 1, name: "i32.store8" },
  { op: 0x3b, in: I32, bytes: 2, name: "i32.store16" },
  { op: 0x3c, in: I64, bytes: 1, name: "i64.store8" },
  { op: 0x3d, in: I64, bytes: 2, name: "i64.store16" },
  { op: 0x3e, in: I64, bytes: 4, name: "i64.store32" },
];
