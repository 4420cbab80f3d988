// Operators on i64/u64. Ring operations (+ - * << and bitwise ops) are exact
// modulo 2^64, so C computes them in uint64_t; the exact range says whether
// the result still fits int64/uint64 or is "wide" and must be wrapped.
import type ts from "typescript";
import { type CExpr, binary, cast, call, lit } from "../../c/ast.ts";
import { type BigInfo, bigWide, bigFitsI64, bigFitsU64, bigCType, I64_MIN, I64_MAX } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { bigConst, bigVal, errorVal, requireNotWide } from "../expressions.ts";
import { type Val, type CVal, emitInOrder, castTo } from "../value.ts";

type BigVal = Val & { big: BigInfo };

const minB = (...xs: bigint[]): bigint => xs.reduce((a, b) => (b < a ? b : a));
const maxB = (...xs: bigint[]): bigint => xs.reduce((a, b) => (b > a ? b : a));
const WIDE: BigInfo = { lo: -(2n ** 64n), hi: 2n ** 65n };

function foldBig(op: string, x: bigint, y: bigint): bigint | undefined {
  switch (op) {
    case "+": return x + y;
    case "-": return x - y;
    case "*": return x * y;
    case "/": return y === 0n ? undefined : x / y;
    case "%": return y === 0n ? undefined : x % y;
    case "&": return x & y;
    case "|": return x | y;
    case "^": return x ^ y;
    case "<<": return y >= 0n && y < 200n ? x << y : undefined;
    case ">>": return y >= 0n && y < 200n ? x >> y : undefined;
  }
  return undefined;
}

export function bigintArithmetic(ctx: Context, node: ts.Node, op: string, a: BigVal, b: BigVal): Val {
  if (typeof a.constant === "bigint" && typeof b.constant === "bigint") {
    const r = foldBig(op, a.constant, b.constant);
    if (r !== undefined) return bigConst(node, r);
  }
  if ((op === "/" || op === "%") && !bigWide(a.big) && !bigWide(b.big) && ((!bigFitsU64(a.big) && !bigFitsI64(b.big)) || (!bigFitsI64(a.big) && !bigFitsU64(b.big)))) {
    ctx.error(node, Rules.bigintMix, "this operation mixes i64 and u64 values: convert one with BigInt.asIntN/asUintN(64, ...)");
    return errorVal(node, a.type);
  }
  const effects = a.effects || b.effects;
  const both = (f: (x: CVal, y: CVal) => CExpr, ma: "v" | "m64" = "m64", mb: "v" | "m64" = "m64"): CExpr =>
    emitInOrder(ctx.scope, [{ val: a, mode: ma }, { val: b, mode: mb }], ([x, y]) => f(x, y));
  const A = a.big, B = b.big;
  /** a value computed modulo 2^64 whose exact range is `info` */
  const ring = (info: BigInfo, m64: () => CExpr): Val =>
    bigVal(node, info, () => cast(bigCType(info), m64()), m64, effects);

  switch (op) {
    case "+": return ring({ lo: A.lo + B.lo, hi: A.hi + B.hi }, () => both((x, y) => binary("+", x.c, y.c)));
    case "-": return ring({ lo: A.lo - B.hi, hi: A.hi - B.lo }, () => both((x, y) => binary("-", x.c, y.c)));
    case "*": {
      const p = [A.lo * B.lo, A.lo * B.hi, A.hi * B.lo, A.hi * B.hi];
      return ring({ lo: minB(...p), hi: maxB(...p) }, () => both((x, y) => binary("*", x.c, y.c)));
    }
    case "&": case "|": case "^": {
      let info = WIDE;
      if (!bigWide(A) && !bigWide(B)) {
        if (A.lo >= 0n && B.lo >= 0n) {
          const bits = (h: bigint): bigint => (1n << BigInt(h.toString(2).length)) - 1n;
          info = op === "&" ? { lo: 0n, hi: minB(A.hi, B.hi) } : { lo: 0n, hi: bits(maxB(A.hi, B.hi)) };
        } else if (bigFitsI64(A) && bigFitsI64(B)) info = { lo: I64_MIN, hi: I64_MAX };
      }
      return ring(info, () => both((x, y) => binary(op, x.c, y.c)));
    }
    case "<<": case ">>": {
      if (B.lo < 0n || bigWide(B)) {
        ctx.error(b.node, Rules.bigintConvert, "a bigint shift count must be a u64 or a non-negative literal");
        return errorVal(node, a.type);
      }
      const c = typeof b.constant === "bigint" && b.constant < 64n ? b.constant : undefined;
      if (op === "<<") {
        const info = c !== undefined ? { lo: A.lo << c, hi: A.hi << c } : WIDE;
        return ring(info, () => both((x, y) => (c !== undefined ? binary("<<", x.c, lit(String(c))) : call("sts_shl64", x.c, castTo(y, "uint64_t"))), "m64", "v"));
      }
      if (!requireNotWide(ctx, a, "`>>` needs an exact operand")) return errorVal(node, a.type);
      if (bigFitsI64(A)) {
        const info = c !== undefined ? { lo: A.lo >> c, hi: A.hi >> c } : { lo: minB(A.lo, 0n), hi: maxB(A.hi, 0n) };
        return bigVal(node, info, () => both((x, y) => call("sts_sar64", castTo(x, "int64_t"), castTo(y, "uint64_t")), "v", "v"), undefined, effects);
      }
      const info = c !== undefined ? { lo: A.lo >> c, hi: A.hi >> c } : { lo: 0n, hi: A.hi };
      return bigVal(node, info, () => both((x, y) => call("sts_shr64", castTo(x, "uint64_t"), castTo(y, "uint64_t")), "v", "v"), undefined, effects);
    }
    case "/": case "%": {
      if (!requireNotWide(ctx, a, `\`${op}\` needs exact operands`) || !requireNotWide(ctx, b, `\`${op}\` needs exact operands`)) {
        return errorVal(node, a.type);
      }
      const loc = ctx.locLit(node);
      if (bigFitsI64(A) && bigFitsI64(B)) {
        // The quotient of i64 values is an i64 except for MIN / -1 (2^63): like an
        // i32 increment that overflows, that is a program error (checked in C
        // debug builds) unless the division is wrapped with BigInt.asIntN(64, ...).
        const maxAbs = maxB(-A.lo, A.hi);
        const info = op === "/"
          ? (A.lo >= 0n && B.lo >= 0n ? { lo: 0n, hi: A.hi } : { lo: maxB(-maxAbs, I64_MIN), hi: minB(maxAbs, I64_MAX) })
          : { lo: A.lo < 0n ? 1n - maxB(-B.lo, B.hi) : 0n, hi: A.hi > 0n ? maxB(-B.lo, B.hi) - 1n : 0n };
        const pairOf = (f: string) => () => both((x, y) => call(f, castTo(x, "int64_t"), castTo(y, "int64_t"), loc), "v", "v");
        const natural = pairOf(op === "/" ? "sts_i64_div_checked" : "sts_i64_rem");
        const wrapped = pairOf(op === "/" ? "sts_i64_div" : "sts_i64_rem");
        return bigVal(node, info, () => cast(bigCType(info), natural()), () => cast("uint64_t", wrapped()), effects);
      }
      if (bigFitsU64(A) && bigFitsU64(B)) {
        const info = op === "/" ? { lo: 0n, hi: A.hi } : { lo: 0n, hi: minB(A.hi, B.hi) };
        const f = op === "/" ? "sts_u64_div" : "sts_u64_rem";
        return bigVal(node, info, () => both((x, y) => call(f, castTo(x, "uint64_t"), castTo(y, "uint64_t"), loc), "v", "v"), undefined, effects);
      }
      ctx.error(node, Rules.bigintMix, "this operation mixes i64 and u64 values: convert one with BigInt.asIntN/asUintN(64, ...)");
      return errorVal(node, a.type);
    }
  }
  ctx.error(node, Rules.operatorUnsupported, `\`${op}\` does not apply to bigints`);
  return errorVal(node, a.type);
}

