// What stc knows about a numeric value, and the C type that holds it exactly.
//
// JavaScript computes every `number` as a double. stc keeps, for each
// expression, enough facts to pick a C representation that provably gives the
// same result: an integer-valued expression carries its exact range (and
// whether it could be -0, which only matters once it is seen as a double); a
// double is a C double; an f32 is a C float. Bigints carry their exact range;
// a range that fits neither int64 nor uint64 is "wide" and may only be used
// modulo 2^64 (inside BigInt.asIntN/asUintN).

export type NumInfo =
  | { tag: "int"; lo: number; hi: number; negz: boolean }
  | { tag: "f64" }
  | { tag: "f32" };

export interface BigInfo {
  lo: bigint;
  hi: bigint;
}

export type IntStorage = "i8" | "u8" | "i16" | "u16" | "i32" | "u32";
export type NumStorage = IntStorage | "f32" | "f64";
export type BigStorage = "i64" | "u64";

export const MAX_EXACT = 2 ** 53;
export const I32_MIN = -(2 ** 31);
export const I32_MAX = 2 ** 31 - 1;
export const U32_MAX = 2 ** 32 - 1;
/** lengths of arrays and typed arrays are kept below 2^31 by the C runtime */
export const LENGTH_MAX = I32_MAX;

export const storageRange: Record<IntStorage, [number, number]> = {
  i8: [-128, 127],
  u8: [0, 255],
  i16: [-32768, 32767],
  u16: [0, 65535],
  i32: [I32_MIN, I32_MAX],
  u32: [0, U32_MAX],
};

export const storageCType: Record<NumStorage, string> = {
  i8: "int8_t", u8: "uint8_t", i16: "int16_t", u16: "uint16_t",
  i32: "int32_t", u32: "uint32_t", f32: "float", f64: "double",
};

export const I64_MIN = -(2n ** 63n);
export const I64_MAX = 2n ** 63n - 1n;
export const U64_MAX = 2n ** 64n - 1n;

export const F64: NumInfo = { tag: "f64" };
export const F32: NumInfo = { tag: "f32" };

export function intRange(lo: number, hi: number, negz = false): NumInfo {
  if (!(Math.abs(lo) <= MAX_EXACT && Math.abs(hi) <= MAX_EXACT)) return F64;
  return { tag: "int", lo, hi, negz };
}

export function infoOfStorage(k: NumStorage): NumInfo {
  if (k === "f64") return F64;
  if (k === "f32") return F32;
  const [lo, hi] = storageRange[k];
  return { tag: "int", lo, hi, negz: false };
}

export const I32_INFO = infoOfStorage("i32");
export const U32_INFO = infoOfStorage("u32");

/** The C type of an integer range: the narrowest of int32_t, uint32_t, int64_t. */
export function intCType(lo: number, hi: number): string {
  if (lo >= I32_MIN && hi <= I32_MAX) return "int32_t";
  if (lo >= 0 && hi <= U32_MAX) return "uint32_t";
  return "int64_t";
}

export function fits(info: NumInfo, k: IntStorage): boolean {
  if (info.tag !== "int") return false;
  const [lo, hi] = storageRange[k];
  return info.lo >= lo && info.hi <= hi;
}

/** The range of a JS number constant. */
export function constInfo(v: number): NumInfo {
  if (Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) <= MAX_EXACT) return { tag: "int", lo: v, hi: v, negz: false };
  if (Number.isNaN(v) || Math.fround(v) !== v) return F64;
  return F64;
}

export function joinNum(a: NumInfo, b: NumInfo): NumInfo {
  if (a.tag === "int" && b.tag === "int") return intRange(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi), a.negz || b.negz);
  if (a.tag === "f32" && b.tag === "f32") return F32;
  return F64;
}

// --- bigints

export function bigFitsI64(b: BigInfo): boolean {
  return b.lo >= I64_MIN && b.hi <= I64_MAX;
}
export function bigFitsU64(b: BigInfo): boolean {
  return b.lo >= 0n && b.hi <= U64_MAX;
}
export function bigWide(b: BigInfo): boolean {
  return !bigFitsI64(b) && !bigFitsU64(b);
}
export function bigCType(b: BigInfo): string {
  return bigFitsI64(b) ? "int64_t" : "uint64_t";
}
export const bigStorageInfo: Record<BigStorage, BigInfo> = {
  i64: { lo: I64_MIN, hi: I64_MAX },
  u64: { lo: 0n, hi: U64_MAX },
};

// --- C literals

export function intLiteral(v: number): string {
  if (v === I32_MIN) return "(-2147483647 - 1)";
  if (v >= I32_MIN && v <= I32_MAX) return String(v);
  if (v >= 0 && v <= U32_MAX) return `${v}u`;
  return `INT64_C(${v})`;
}

export function bigLiteral(v: bigint): string {
  if (v === I64_MIN) return "(-INT64_C(9223372036854775807) - 1)";
  if (v >= I64_MIN && v <= I64_MAX) return `INT64_C(${v})`;
  return `UINT64_C(${BigInt.asUintN(64, v)})`;
}

/** A C double literal that parses to exactly `v`. */
export function doubleLiteral(v: number): string {
  if (Number.isNaN(v)) return "((double)NAN)";
  if (v === Infinity) return "((double)INFINITY)";
  if (v === -Infinity) return "(-(double)INFINITY)";
  if (Object.is(v, -0)) return "(-0.0)";
  let s = String(v); // shortest round-trip digits; strtod reads them back exactly
  if (!/[.e]/.test(s)) s += ".0";
  return v < 0 ? `(${s})` : s;
}
