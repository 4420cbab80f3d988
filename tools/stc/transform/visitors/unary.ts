// Prefix and postfix operators: - + ~ ! and the increments.
import ts from "typescript";
import { cast, lit, unary, binary } from "../../c/ast.ts";
import { type NumInfo, intRange, intCType, I32_INFO, I32_MIN, I32_MAX, bigFitsI64, I64_MIN, I64_MAX } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, numConst, bigConst, numVal, bigVal, boolVal, errorVal, isNum, isBig, truthy } from "../expressions.ts";
import { type Val, castTo } from "../value.ts";
import { visitUpdate } from "./assignment.ts";

const K = ts.SyntaxKind;

export function visitPrefixUnary(ctx: Context, node: ts.PrefixUnaryExpression): Val {
  if (node.operator === K.PlusPlusToken || node.operator === K.MinusMinusToken) return visitUpdate(ctx, node, true);
  const a = visitExpr(ctx, node.operand);
  switch (node.operator) {
    case K.MinusToken: return negate(ctx, node, a);
    case K.PlusToken:
      if (!isNum(a)) ctx.error(node, Rules.operatorUnsupported, "unary + applies to numbers only");
      return { ...a, node, lvalue: undefined };
    case K.TildeToken: return bitNot(ctx, node, a);
    case K.ExclamationToken:
      if (a.constant !== undefined && a.type.t === "bool") return boolVal(node, () => lit(String(!a.constant)), false, !a.constant);
      return boolVal(node, () => unary("!", truthy(ctx, a)), a.effects);
  }
  ctx.error(node, Rules.operatorUnsupported, "this operator is not in STS");
  return errorVal(node);
}

export function visitPostfixUnary(ctx: Context, node: ts.PostfixUnaryExpression): Val {
  return visitUpdate(ctx, node, false);
}

function negate(ctx: Context, node: ts.Node, a: Val): Val {
  if (typeof a.constant === "number") return numConst(node, -a.constant);
  if (typeof a.constant === "bigint") return bigConst(node, -a.constant);
  if (isNum(a)) {
    const A = a.num;
    if (A.tag === "int") {
      const info = intRange(-A.hi, -A.lo, A.lo <= 0 && A.hi >= 0);
      const ctype = info.tag === "int" ? intCType(info.lo, info.hi) : "double";
      return numVal(node, info, {
        int: () => unary("-", castTo(a.emit("int"), ctype)),
        m32: () => binary("-", lit("0u"), a.emit("m32").c),
        f64: () => unary("-", a.emit("f64").c),
      }, a.effects);
    }
    if (A.tag === "f32") return numVal(node, A, { f32: () => unary("-", a.emit("v").c), f64: () => unary("-", a.emit("f64").c) }, a.effects);
    return numVal(node, A, { f64: () => unary("-", a.emit("f64").c) }, a.effects);
  }
  if (isBig(a)) {
    const info = { lo: -a.big.hi, hi: -a.big.lo };
    const m64 = () => binary("-", lit("UINT64_C(0)"), a.emit("m64").c);
    return bigVal(node, info, () => cast(bigFitsI64(info) ? "int64_t" : "uint64_t", m64()), m64, a.effects);
  }
  ctx.error(node, Rules.operatorUnsupported, "unary - applies to numbers and bigints");
  return errorVal(node);
}

function bitNot(ctx: Context, node: ts.Node, a: Val): Val {
  if (typeof a.constant === "number") return numConst(node, ~a.constant);
  if (typeof a.constant === "bigint") return bigConst(node, ~a.constant);
  if (isNum(a)) {
    const A = a.num;
    const info: NumInfo = A.tag === "int" && A.lo >= I32_MIN && A.hi <= I32_MAX ? intRange(-A.hi - 1, -A.lo - 1) : I32_INFO;
    const int = () => unary("~", a.emit("s32").c);
    return numVal(node, info, { int, f64: () => cast("double", int()) }, a.effects);
  }
  if (isBig(a)) {
    const info = { lo: -a.big.hi - 1n, hi: -a.big.lo - 1n };
    if (info.lo >= I64_MIN && info.hi <= I64_MAX && bigFitsI64(a.big)) {
      return bigVal(node, info, () => unary("~", castTo(a.emit("v"), "int64_t")), undefined, a.effects);
    }
    const m64 = () => unary("~", a.emit("m64").c);
    return bigVal(node, info, () => cast(bigFitsI64(info) ? "int64_t" : "uint64_t", m64()), m64, a.effects);
  }
  ctx.error(node, Rules.operatorUnsupported, "~ applies to numbers and bigints");
  return errorVal(node);
}
