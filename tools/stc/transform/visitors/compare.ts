// Comparisons and the logical operators.
import ts from "typescript";
import { type CExpr, binary, call, lit, member, unary, comma, cast } from "../../c/ast.ts";
import { printExpr } from "../../c/printer.ts";
import { I32_MIN, I32_MAX, U32_MAX, bigFitsI64, bigFitsU64 } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, boolVal, errorVal, isNum, isBig, requireNotWide, truthy } from "../expressions.ts";
import { type Val, type CVal, emitInOrder, castTo } from "../value.ts";
import { sameType, typeName, isNullable, nonNull } from "../../types.ts";

const K = ts.SyntaxKind;
const cOp: Partial<Record<ts.SyntaxKind, string>> = {
  [K.LessThanToken]: "<", [K.LessThanEqualsToken]: "<=", [K.GreaterThanToken]: ">", [K.GreaterThanEqualsToken]: ">=",
  [K.EqualsEqualsToken]: "==", [K.EqualsEqualsEqualsToken]: "==", [K.ExclamationEqualsToken]: "!=", [K.ExclamationEqualsEqualsToken]: "!=",
};

function foldCompare(op: string, x: number | bigint | string | boolean, y: number | bigint | string | boolean): boolean {
  switch (op) {
    case "<": return x < y;
    case "<=": return x <= y;
    case ">": return x > y;
    case ">=": return x >= y;
    case "==": return x === y;
    default: return x !== y;
  }
}

export function visitComparison(ctx: Context, node: ts.BinaryExpression): Val {
  const op = cOp[node.operatorToken.kind]!;
  const left = node.left, right = node.right;
  // null on one side takes the other side's type
  const a = visitExpr(ctx, left);
  const b = visitExpr(ctx, right, right.kind === K.NullKeyword ? a.type : undefined);
  const a2 = left.kind === K.NullKeyword ? visitExpr(ctx, left, b.type) : a;
  return compareValues(ctx, node, op, a2, b);
}

export function compareValues(ctx: Context, node: ts.Node, op: string, a: Val, b: Val): Val {
  if (a.poisoned || b.poisoned) return errorVal(node, { t: "bool" });
  const equality = op === "==" || op === "!=";
  if (isBig(a) && isBig(b) && (!requireNotWide(ctx, a, "comparison") || !requireNotWide(ctx, b, "comparison"))) return errorVal(node, { t: "bool" });
  if (a.constant !== undefined && b.constant !== undefined && typeof a.constant === typeof b.constant) {
    const r = foldCompare(op, a.constant, b.constant);
    return boolVal(node, () => lit(String(r)), false, r);
  }
  const effects = a.effects || b.effects;
  const pair = (ma: "v" | "int" | "f64", mb: typeof ma, f: (x: CVal, y: CVal) => CExpr) =>
    boolVal(node, () => emitInOrder(ctx.scope, [{ val: a, mode: ma }, { val: b, mode: mb }], ([x, y]) => f(x, y)), effects);

  if (isNum(a) && isNum(b)) {
    const A = a.num, B = b.num;
    if (A.tag === "int" && B.tag === "int") {
      const decided = decideByRange(op, A, B, a, b);
      if (decided !== undefined && !effects) return boolVal(node, () => lit(String(decided)), false, decided);
      if (decided !== undefined) {
        return boolVal(node, () => emitInOrder(ctx.scope, [{ val: a }, { val: b }], ([x, y]) => comma([cast("void", x.c), cast("void", y.c), lit(String(decided))]), true), true);
      }
      const ctype = A.lo >= I32_MIN && A.hi <= I32_MAX && B.lo >= I32_MIN && B.hi <= I32_MAX ? "int32_t"
        : A.lo >= 0 && B.lo >= 0 && A.hi <= U32_MAX && B.hi <= U32_MAX ? "uint32_t" : "int64_t";
      return pair("int", "int", (x, y) => binary(op, castTo(x, ctype), castTo(y, ctype)));
    }
    if (A.tag === "f32" && B.tag === "f32") return pair("v", "v", (x, y) => binary(op, x.c, y.c));
    return pair("f64", "f64", (x, y) => binary(op, x.c, y.c));
  }
  if (isBig(a) && isBig(b)) {
    if (!requireNotWide(ctx, a, "comparison") || !requireNotWide(ctx, b, "comparison")) return errorVal(node, { t: "bool" });
    const A = a.big, B = b.big;
    if (!effects && printExpr(a.emit().c) === printExpr(b.emit().c)) {
      const same = op === "==" || op === "<=" || op === ">=";
      return boolVal(node, () => lit(String(same)), false, same);
    }
    if (bigFitsI64(A) && bigFitsI64(B)) return pair("v", "v", (x, y) => binary(op, castTo(x, "int64_t"), castTo(y, "int64_t")));
    if (bigFitsU64(A) && bigFitsU64(B)) return pair("v", "v", (x, y) => binary(op, castTo(x, "uint64_t"), castTo(y, "uint64_t")));
    // one side is a negative-capable i64, the other a large u64
    return bigFitsI64(A)
      ? pair("v", "v", (x, y) => binary(op, call("sts_cmp_i64_u64", x.c, y.c), lit("0")))
      : pair("v", "v", (x, y) => binary(op, lit("0"), call("sts_cmp_i64_u64", y.c, x.c)));
  }
  if (a.type.t === "null" || b.type.t === "null") {
    if (!equality) ctx.error(node, Rules.comparison, "null can only be tested with === or !==");
    const other = a.type.t === "null" ? b : a;
    if (!isNullable(other.type) && other.type.t !== "null") {
      ctx.error(node, Rules.nullable, `a ${typeName(other.type)} is never null`);
    }
    return boolVal(node, () => {
      const isNull = nullTest(other.type.t, other.emit().c);
      return op === "==" ? isNull : unary("!", isNull);
    }, other.effects);
  }
  if (a.type.t === "bool" && b.type.t === "bool" && equality) return pair("v", "v", (x, y) => binary(op, x.c, y.c));
  if (a.type.t === "str" && b.type.t === "str") {
    if (!equality) {
      ctx.error(node, Rules.stringOps, "strings are compared only with === and !==");
      return errorVal(node, { t: "bool" });
    }
    return pair("v", "v", (x, y) => (op === "==" ? call("sts_str_eq", x.c, y.c) : unary("!", call("sts_str_eq", x.c, y.c))));
  }
  if (equality && ["class", "struct", "array", "fn"].includes(a.type.t) && sameType(nonNull(a.type), nonNull(b.type), true)) {
    return pair("v", "v", (x, y) => binary(op, x.c, y.c));
  }
  ctx.error(node, Rules.comparison, `cannot compare ${typeName(a.type)} with ${typeName(b.type)}`);
  return errorVal(node, { t: "bool" });
}

export function nullTest(t: string, c: CExpr): CExpr {
  if (t === "str") return binary("==", member(c, "p"), lit("NULL"));
  if (t === "typed" || t === "buffer" || t === "dataview") return binary("==", member(c, "data"), lit("NULL"));
  return binary("==", c, lit("NULL"));
}

export function visitLogical(ctx: Context, node: ts.BinaryExpression): Val {
  const a = visitExpr(ctx, node.left);
  const b = visitExpr(ctx, node.right);
  const op = node.operatorToken.kind === K.AmpersandAmpersandToken ? "&&" : "||";
  for (const v of [a, b]) {
    if (v.type.t !== "bool") {
      ctx.error(v.node, Rules.logicalOperands, `\`${op}\` takes booleans: compare explicitly (e.g. \`x !== 0\`, \`p !== null\`)`);
      return errorVal(node, { t: "bool" });
    }
  }
  // && and || are sequence points in C too: no temporaries needed
  return boolVal(node, () => binary(op, truthy(ctx, a), truthy(ctx, b)), a.effects || b.effects);
}

/** The result of an integer comparison when the ranges alone decide it (C compilers warn about such tests). */
function decideByRange(op: string, A: { lo: number; hi: number }, B: { lo: number; hi: number }, a: Val, b: Val): boolean | undefined {
  if (!a.effects && !b.effects && printExpr(a.emit("int").c) === printExpr(b.emit("int").c)) return op === "==" || op === "<=" || op === ">=";
  const lt = A.hi < B.lo, le = A.hi <= B.lo, gt = A.lo > B.hi, ge = A.lo >= B.hi;
  switch (op) {
    case "<": return lt ? true : ge ? false : undefined;
    case "<=": return le ? true : gt ? false : undefined;
    case ">": return gt ? true : le ? false : undefined;
    case ">=": return ge ? true : lt ? false : undefined;
    case "==": return lt || gt ? false : A.lo === A.hi && B.lo === B.hi && A.lo === B.lo ? true : undefined;
    case "!=": return lt || gt ? true : A.lo === A.hi && B.lo === B.hi && A.lo === B.lo ? false : undefined;
  }
  return undefined;
}
