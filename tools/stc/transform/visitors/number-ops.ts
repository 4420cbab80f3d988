// Arithmetic and bitwise operators on numbers.
//
// JavaScript computes in doubles; stc computes in the narrowest C integer type
// that provably holds the exact result, and falls back to double arithmetic
// (which is what JS does) where it cannot prove that. Bitwise operators apply
// ToInt32/ToUint32 to their operands, which every value can be emitted as.
import type ts from "typescript";
import { type CExpr, binary, cast, call, lit } from "../../c/ast.ts";
import { type NumInfo, F64, I32_INFO, U32_INFO, intRange, intCType, I32_MIN, I32_MAX, U32_MAX } from "../../numeric.ts";
import type { Context } from "../context.ts";
import { numConst, numVal } from "../expressions.ts";
import { type Val, type CVal, castTo, emitInOrder } from "../value.ts";

type NumVal = Val & { num: NumInfo };

const inI32 = (n: NumInfo): boolean => n.tag === "int" && n.lo >= I32_MIN && n.hi <= I32_MAX;
const inU32 = (n: NumInfo): boolean => n.tag === "int" && n.lo >= 0 && n.hi <= U32_MAX;

/** JavaScript's own result for constant operands. */
function fold(op: string, x: number, y: number): number {
  switch (op) {
    case "+": return x + y;
    case "-": return x - y;
    case "*": return x * y;
    case "/": return x / y;
    case "%": return x % y;
    case "&": return x & y;
    case "|": return x | y;
    case "^": return x ^ y;
    case "<<": return x << y;
    case ">>": return x >> y;
    case ">>>": return x >>> y;
  }
  throw new Error(op);
}

export function numberArithmetic(ctx: Context, node: ts.Node, op: string, a: NumVal, b: NumVal): Val {
  if (typeof a.constant === "number" && typeof b.constant === "number") return numConst(node, fold(op, a.constant, b.constant));
  const effects = a.effects || b.effects;
  /** emits both operands in JS order, in the given modes */
  const both = (ma: "int" | "f64" | "m32" | "s32" | "v", mb: typeof ma, f: (x: CVal, y: CVal) => CExpr): CExpr =>
    emitInOrder(ctx.scope, [{ val: a, mode: ma }, { val: b, mode: mb }], ([x, y]) => f(x, y));
  const f64 = (cop: string) => () => both("f64", "f64", (x, y) => binary(cop, x.c, y.c));
  const A = a.num, B = b.num;

  switch (op) {
    case "+": case "-": case "*": {
      let info: NumInfo = F64;
      if (A.tag === "int" && B.tag === "int") {
        if (op === "+") info = intRange(A.lo + B.lo, A.hi + B.hi, A.negz && B.negz);
        else if (op === "-") info = intRange(A.lo - B.hi, A.hi - B.lo, A.negz);
        else {
          const p = [A.lo * B.lo, A.lo * B.hi, A.hi * B.lo, A.hi * B.hi].map((v) => v + 0);
          const negz = A.negz || B.negz || (A.lo <= 0 && A.hi >= 0 && B.lo < 0) || (B.lo <= 0 && B.hi >= 0 && A.lo < 0);
          info = intRange(Math.min(...p), Math.max(...p), negz);
        }
      }
      if (info.tag !== "int") {
        if (A.tag === "f32" || B.tag === "f32" || A.tag === "f64" || B.tag === "f64" || info.tag === "f64") {
          return { ...numVal(node, F64, { f64: f64(op) }, effects), f32Op: f32Operation(ctx, op, a, b) } as Val;
        }
      }
      const r = info as Extract<NumInfo, { tag: "int" }>;
      const ctype = intCType(r.lo, r.hi);
      const fitsResult = (n: NumInfo) => n.tag === "int" && intCType(Math.min(n.lo, r.lo), Math.max(n.hi, r.hi)) === ctype;
      // operands that fit the result's type compute in it; otherwise the 32-bit
      // result is computed modulo 2^32, which is exact because it fits
      const int = fitsResult(A) && fitsResult(B)
        ? () => both("int", "int", (x, y) => binary(op, castTo(x, ctype), castTo(y, ctype)))
        : () => both("m32", "m32", (x, y) => castTo({ c: binary(op, castTo(x, "uint32_t"), castTo(y, "uint32_t")), ctype: "uint32_t" }, ctype));
      return numVal(node, info, {
        f64: f64(op),
        int,
        m32: () => both("m32", "m32", (x, y) => binary(op, castTo(x, "uint32_t"), castTo(y, "uint32_t"))),
      }, effects);
    }
    case "/": {
      const v = numVal(node, F64, { f64: f64("/"), ...(A.tag === "int" && B.tag === "int" ? { m32: intDivision(ctx, a, b, "/").m32 } : {}) }, effects);
      return { ...v, f32Op: f32Operation(ctx, op, a, b) } as Val;
    }
    case "%": {
      if (A.tag === "int" && B.tag === "int") {
        const intOps = intDivision(ctx, a, b, "%");
        const fmod = () => both("f64", "f64", (x, y) => call("sts_rem_f64", x.c, y.c));
        if (B.lo > 0 || B.hi < 0) {
          const m = Math.max(Math.abs(B.lo), Math.abs(B.hi)) - 1;
          const info = intRange(A.lo < 0 ? -Math.min(m, -A.lo) : 0, A.hi > 0 ? Math.min(m, A.hi) : 0, A.lo < 0 || A.negz);
          return numVal(node, info, { f64: fmod, int: intOps.int, intType: intOps.intType, m32: intOps.m32 }, effects);
        }
        return numVal(node, F64, { f64: fmod, m32: intOps.m32 }, effects);
      }
      return numVal(node, F64, { f64: () => both("f64", "f64", (x, y) => call("sts_rem_f64", x.c, y.c)) }, effects);
    }
    case "&": case "|": case "^": {
      const info = bitwiseRange(op, a, b);
      if (op === "|" && b.constant === 0) {
        if (inI32(A)) return sameInteger(node, a);
        // `x | 0` is ToInt32(x), nothing more
        const s32 = () => a.emit("s32").c;
        return numVal(node, I32_INFO, { int: s32, f64: () => cast("double", s32()) }, effects);
      }
      const int = () => both("s32", "s32", (x, y) => binary(op, x.c, y.c));
      return numVal(node, info, { int, f64: () => cast("double", int()) }, effects);
    }
    case "<<": case ">>": case ">>>": {
      const c = typeof b.constant === "number" ? (b.constant >>> 0) & 31 : undefined;
      const count = (y: CVal): CExpr => (c !== undefined ? lit(String(c)) : binary("&", castTo(y, "uint32_t"), lit("31")));
      if (op === ">>>" && c === 0) {
        if (inU32(A)) return sameInteger(node, a);
        // `x >>> 0` is ToUint32(x), nothing more
        const m32 = () => a.emit("m32").c;
        return numVal(node, U32_INFO, { int: m32, m32, f64: () => cast("double", m32()) }, effects);
      }
      let info: NumInfo;
      let int: () => CExpr;
      if (op === "<<") {
        info = I32_INFO;
        if (c !== undefined && A.tag === "int" && inI32(A)) {
          const s = 2 ** c;
          if (A.lo * s >= I32_MIN && A.hi * s <= I32_MAX) info = intRange(A.lo * s, A.hi * s);
        }
        int = () => both("m32", "m32", (x, y) => cast("int32_t", binary("<<", castTo(x, "uint32_t"), count(y))));
      } else if (op === ">>") {
        info = c === undefined ? I32_INFO : A.tag === "int" && inI32(A) ? intRange(A.lo >> c, A.hi >> c) : intRange(I32_MIN >> c, I32_MAX >> c);
        int = () => both("s32", "m32", (x, y) => binary(">>", x.c, count(y)));
      } else {
        info = c === undefined ? U32_INFO : A.tag === "int" && inU32(A) ? intRange(A.lo >>> c, A.hi >>> c) : intRange(0, U32_MAX >>> c);
        int = () => both("m32", "m32", (x, y) => binary(">>", castTo(x, "uint32_t"), count(y)));
      }
      const r = info as Extract<NumInfo, { tag: "int" }>;
      const ctype = intCType(r.lo, r.hi);
      return numVal(node, info, { int: () => castTo({ c: int(), ctype: op === ">>>" ? "uint32_t" : "int32_t" }, ctype), f64: () => cast("double", int()) }, effects);
    }
  }
  throw new Error("unknown operator " + op);
}

function bitwiseRange(op: string, a: NumVal, b: NumVal): NumInfo {
  const A = a.num, B = b.num;
  const nonneg = (n: NumInfo): n is Extract<NumInfo, { tag: "int" }> => n.tag === "int" && n.lo >= 0 && n.hi <= I32_MAX;
  const bits = (hi: number): number => (hi === 0 ? 0 : 2 ** Math.ceil(Math.log2(hi + 1)) - 1);
  if (op === "&") {
    if (nonneg(A) && nonneg(B)) return intRange(0, Math.min(A.hi, B.hi));
    if (nonneg(A)) return intRange(0, A.hi);
    if (nonneg(B)) return intRange(0, B.hi);
    return I32_INFO;
  }
  if (nonneg(A) && nonneg(B)) return intRange(0, bits(Math.max(A.hi, B.hi)));
  // a non-negative value combined with a constant changes only the value's low bits of it
  const withConstant = (x: NumInfo, c: number | bigint | string | boolean | undefined): NumInfo | undefined => {
    if (!nonneg(x) || typeof c !== "number" || !Number.isInteger(c) || c < I32_MIN || c > I32_MAX) return undefined;
    const mask = bits(x.hi);
    return intRange(Math.min(c & ~mask, c | mask), Math.max(c & ~mask, c | mask));
  };
  return withConstant(A, b.constant) ?? withConstant(B, a.constant) ?? I32_INFO;
}

/**
 * `(a / b) | 0` and `(a % b) | 0` on integers: JS truncates a double quotient,
 * which for |a| < 2^53 equals C's integer division; b = 0 gives 0.
 */
function intDivision(ctx: Context, a: NumVal, b: NumVal, op: "/" | "%"): { m32: () => CExpr; int: () => CExpr; intType: string } {
  const A = a.num as Extract<NumInfo, { tag: "int" }>;
  const B = b.num as Extract<NumInfo, { tag: "int" }>;
  const kc = typeof b.constant === "number" ? b.constant : undefined;
  const emitPair = (mode: "int", f: (x: CVal, y: CVal) => CExpr) =>
    emitInOrder(ctx.scope, [{ val: a, mode }, { val: b, mode }], ([x, y]) => f(x, y));
  let int: () => CExpr;
  let intType: string;
  const shared = inI32(A) && inI32(B) ? "int32_t" : inU32(A) && inU32(B) ? "uint32_t" : undefined;
  if (kc !== undefined && kc !== 0 && kc !== -1 && shared) {
    // a constant divisor: C's operator, in the operands' shared type
    intType = shared;
    int = () => emitPair("int", (x, y) => binary(op, castTo(x, shared), castTo(y, shared)));
  } else if (shared === "int32_t") {
    intType = "int32_t";
    int = () => emitPair("int", (x, y) => call(op === "/" ? "sts_div_i32" : "sts_rem_i32", castTo(x, "int32_t"), castTo(y, "int32_t")));
  } else if (shared === "uint32_t") {
    intType = "uint32_t";
    int = () => emitPair("int", (x, y) => call(op === "/" ? "sts_div_u32" : "sts_rem_u32", castTo(x, "uint32_t"), castTo(y, "uint32_t")));
  } else {
    intType = "int64_t";
    int = () => emitPair("int", (x, y) => call(op === "/" ? "sts_div_toint" : "sts_rem_toint", castTo(x, "int64_t"), castTo(y, "int64_t")));
  }
  return { int, intType, m32: () => cast("uint32_t", int()) };
}

/**
 * Math.fround(a op b) on float-representable operands is one float operation:
 * rounding the exact double result to float equals the float operation.
 */
function f32Operation(ctx: Context, op: string, a: NumVal, b: NumVal): (() => CExpr) | undefined {
  const floatable = (v: NumVal): boolean =>
    v.num.tag === "f32" || (v.num.tag === "int" && v.num.lo >= -(2 ** 24) && v.num.hi <= 2 ** 24 && !v.num.negz) ||
    (typeof v.constant === "number" && Math.fround(v.constant) === v.constant);
  if (!["+", "-", "*", "/"].includes(op) || !floatable(a) || !floatable(b)) return undefined;
  if (a.num.tag !== "f32" && b.num.tag !== "f32") return undefined;
  const asFloat = (v: CVal): CExpr => (v.ctype === "float" ? v.c : cast("float", v.c));
  return () =>
    emitInOrder(ctx.scope, [{ val: a, mode: a.num.tag === "f32" ? "v" : "f64" }, { val: b, mode: b.num.tag === "f32" ? "v" : "f64" }],
      ([x, y]) => binary(op, asFloat(x), asFloat(y)));
}

/** `x | 0` of an i32-ranged x (or `x >>> 0` of a u32-ranged x) is x itself, without its sign of zero. */
function sameInteger(node: ts.Node, a: NumVal): Val {
  const A = a.num as Extract<NumInfo, { tag: "int" }>;
  return numVal(node, { ...A, negz: false }, { int: () => a.emit("int").c, f64: () => cast("double", a.emit("int").c) }, a.effects, a.stable);
}
