// `c ? a : b`: the branches join to one type (integer ranges join, an integer
// with a double gives a double).
import type ts from "typescript";
import { cond } from "../../c/ast.ts";
import { joinNum, intCType, bigCType, bigWide } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, truthy, numVal, bigVal, errorVal, isNum, isBig } from "../expressions.ts";
import { type Val, castTo } from "../value.ts";
import { sameType, typeName, nonNull, nullableOf } from "../../types.ts";

export function visitConditional(ctx: Context, node: ts.ConditionalExpression, expected?: import("../../types.ts").StsType): Val {
  const c = visitExpr(ctx, node.condition);
  let a = visitExpr(ctx, node.whenTrue, expected);
  let b = visitExpr(ctx, node.whenFalse, expected);
  if (a.type.t === "null" && b.type.t !== "null") a = visitExpr(ctx, node.whenTrue, b.type);
  if (b.type.t === "null" && a.type.t !== "null") b = visitExpr(ctx, node.whenFalse, a.type);
  const effects = c.effects || a.effects || b.effects;
  const pick = (ea: () => import("../../c/ast.ts").CExpr, eb: () => import("../../c/ast.ts").CExpr) => () => cond(truthy(ctx, c), ea(), eb());
  if (isNum(a) && isNum(b)) {
    const info = joinNum(a.num, b.num);
    if (info.tag === "int") {
      const ctype = intCType(info.lo, info.hi);
      return numVal(node, info, {
        int: pick(() => castTo(a.emit("int"), ctype), () => castTo(b.emit("int"), ctype)),
        m32: pick(() => a.emit("m32").c, () => b.emit("m32").c),
        f64: pick(() => a.emit("f64").c, () => b.emit("f64").c),
      }, effects);
    }
    if (info.tag === "f32") {
      return numVal(node, info, { f32: pick(() => a.emit("v").c, () => b.emit("v").c), f64: pick(() => a.emit("f64").c, () => b.emit("f64").c) }, effects);
    }
    return numVal(node, info, { f64: pick(() => a.emit("f64").c, () => b.emit("f64").c) }, effects);
  }
  if (isBig(a) && isBig(b)) {
    const info = { lo: a.big.lo < b.big.lo ? a.big.lo : b.big.lo, hi: a.big.hi > b.big.hi ? a.big.hi : b.big.hi };
    const m64 = pick(() => a.emit("m64").c, () => b.emit("m64").c);
    if (bigWide(info) || bigWide(a.big) || bigWide(b.big)) return bigVal(node, info, () => { throw new Error("wide"); }, m64, effects);
    const ctype = bigCType(info);
    return bigVal(node, info, pick(() => castTo(a.emit("v"), ctype), () => castTo(b.emit("v"), ctype)), m64, effects);
  }
  const ta = a.type.t === "null" ? b.type : a.type;
  const tb = b.type.t === "null" ? a.type : b.type;
  if (!sameType(nonNull(ta), nonNull(tb), true)) {
    ctx.error(node, Rules.unsupportedSyntax, `the branches have different types: ${typeName(a.type)} and ${typeName(b.type)}`);
    return errorVal(node);
  }
  const type = a.type.t === "null" || b.type.t === "null" ? nullableOf(ta) : ta;
  return { node, type, effects, stable: false, emit: () => ({ c: pick(() => a.emit().c, () => b.emit().c)(), ctype: ctx.cType(type) }) };
}
