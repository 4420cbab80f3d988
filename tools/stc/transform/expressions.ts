// Dispatch: one visitor per expression syntax kind, and the helpers they share.
import ts from "typescript";
import { type CExpr, lit, cast, call } from "../c/ast.ts";
import { Rules } from "../rules.ts";
import { type NumInfo, infoOfStorage, constInfo, intLiteral, doubleLiteral, bigLiteral, bigWide, type BigInfo } from "../numeric.ts";
import { type StsType, T_BOOL, T_STR, T_F64, T_VOID, T_NUMBER } from "../types.ts";
import type { Context } from "./context.ts";
import { type Val, type NumEmitters, numEmit, bigEmit } from "./value.ts";
import { visitNumericLiteral, visitBigIntLiteral, visitStringLiteral, visitTemplate, visitKeywordLiteral } from "./visitors/literal.ts";
import { visitIdentifier, visitThis } from "./visitors/identifier.ts";
import { visitBinary } from "./visitors/binary.ts";
import { visitPrefixUnary, visitPostfixUnary } from "./visitors/unary.ts";
import { visitCall } from "./visitors/call.ts";
import { visitPropertyAccess, visitElementAccess } from "./visitors/access.ts";
import { visitNew } from "./visitors/new.ts";
import { visitObjectLiteral, visitArrayLiteral } from "./visitors/composite-literal.ts";
import { visitConditional } from "./visitors/conditional.ts";

export type ExprVisitor<N extends ts.Expression = ts.Expression> = (ctx: Context, node: N, expected?: StsType) => Val;

const visitors: Partial<Record<ts.SyntaxKind, ExprVisitor<any>>> = {
  [ts.SyntaxKind.NumericLiteral]: visitNumericLiteral,
  [ts.SyntaxKind.BigIntLiteral]: visitBigIntLiteral,
  [ts.SyntaxKind.StringLiteral]: visitStringLiteral,
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: visitStringLiteral,
  [ts.SyntaxKind.TemplateExpression]: visitTemplate,
  [ts.SyntaxKind.TrueKeyword]: visitKeywordLiteral,
  [ts.SyntaxKind.FalseKeyword]: visitKeywordLiteral,
  [ts.SyntaxKind.NullKeyword]: visitKeywordLiteral,
  [ts.SyntaxKind.Identifier]: visitIdentifier,
  [ts.SyntaxKind.ThisKeyword]: visitThis,
  [ts.SyntaxKind.BinaryExpression]: visitBinary,
  [ts.SyntaxKind.PrefixUnaryExpression]: visitPrefixUnary,
  [ts.SyntaxKind.PostfixUnaryExpression]: visitPostfixUnary,
  [ts.SyntaxKind.CallExpression]: visitCall,
  [ts.SyntaxKind.PropertyAccessExpression]: visitPropertyAccess,
  [ts.SyntaxKind.ElementAccessExpression]: visitElementAccess,
  [ts.SyntaxKind.NewExpression]: visitNew,
  [ts.SyntaxKind.ObjectLiteralExpression]: visitObjectLiteral,
  [ts.SyntaxKind.ArrayLiteralExpression]: visitArrayLiteral,
  [ts.SyntaxKind.ConditionalExpression]: visitConditional,
  [ts.SyntaxKind.ParenthesizedExpression]: (ctx: Context, n: ts.ParenthesizedExpression, expected?: StsType) =>
    visitExpr(ctx, n.expression, expected),
  [ts.SyntaxKind.NonNullExpression]: (ctx: Context, n: ts.NonNullExpression, expected?: StsType) => visitExpr(ctx, n.expression, expected),
  [ts.SyntaxKind.AsExpression]: visitAs,
  [ts.SyntaxKind.TypeAssertionExpression]: visitAs,
  [ts.SyntaxKind.SatisfiesExpression]: (ctx: Context, n: ts.SatisfiesExpression, expected?: StsType) => visitExpr(ctx, n.expression, expected),
};

const unsupportedOperators: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.TypeOfExpression]: "typeof",
  [ts.SyntaxKind.DeleteExpression]: "delete",
  [ts.SyntaxKind.VoidExpression]: "void",
};

export function visitExpr(ctx: Context, node: ts.Expression, expected?: StsType): Val {
  const visitor = visitors[node.kind];
  if (visitor) return visitor(ctx, node, expected);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) {
    ctx.error(node, Rules.closure, "functions and classes are declared at the top level: no arrow functions, function or class expressions");
  } else if (unsupportedOperators[node.kind]) {
    ctx.error(node, Rules.operatorUnsupported, `\`${unsupportedOperators[node.kind]}\` is not in STS`);
  } else if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) {
    ctx.error(node, Rules.unsupportedSyntax, "async functions and generators are not in STS");
  } else if (ts.isSpreadElement(node)) {
    ctx.error(node, Rules.arrayForm, "spread is not in STS");
  } else {
    ctx.error(node, Rules.unsupportedSyntax, `\`${ts.SyntaxKind[node.kind]}\` is not in STS`);
  }
  return errorVal(node);
}

function visitAs(ctx: Context, node: ts.AsExpression | ts.TypeAssertion, expected?: StsType): Val {
  if (ts.isAsExpression(node) && ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === "const") {
    return visitExpr(ctx, node.expression, expected);
  }
  ctx.error(node, Rules.typeAssertion, "type assertions change nothing at run time: use an explicit coercion (`| 0`, `>>> 0`, Math.fround, BigInt.asIntN) or a typed declaration");
  return visitExpr(ctx, node.expression, expected);
}

// --- constructors of values

/** A placeholder after an error, so that checking can go on. */
export function errorVal(node: ts.Node, type: StsType = T_F64): Val {
  return {
    node,
    type,
    num: type.t === "num" ? { tag: "f64" } : undefined,
    poisoned: true,
    effects: false,
    stable: true,
    emit: () => ({ c: lit("0"), ctype: "int" }),
  };
}

export function numVal(node: ts.Node, info: NumInfo, e: NumEmitters, effects: boolean, stable = false): Val {
  return { node, type: T_NUMBER, num: info, effects, stable, emit: numEmit(info, e) };
}

export function numConst(node: ts.Node, v: number): Val {
  const info = constInfo(v);
  const val = numVal(
    node,
    info,
    info.tag === "int" ? { f64: () => lit(doubleLiteral(v)), int: () => lit(intLiteral(v)) } : { f64: () => lit(doubleLiteral(v)) },
    false,
    true,
  );
  val.constant = v;
  return val;
}

export function bigVal(node: ts.Node, info: BigInfo, natural: () => CExpr, m64: (() => CExpr) | undefined, effects: boolean, stable = false): Val {
  return { node, type: { t: "big", k: info.lo < 0n ? "i64" : "u64" }, big: info, effects, stable, emit: bigEmit(info, natural, m64) };
}

export function bigConst(node: ts.Node, v: bigint): Val {
  const val = bigVal(node, { lo: v, hi: v }, () => lit(bigLiteral(v)), () => lit(`UINT64_C(${BigInt.asUintN(64, v)})`), false, true);
  val.constant = v;
  return val;
}

export function boolVal(node: ts.Node, c: () => CExpr, effects: boolean, constant?: boolean): Val {
  return { node, type: T_BOOL, effects, stable: constant !== undefined, constant, emit: () => ({ c: c(), ctype: "bool" }) };
}

export function simpleVal(node: ts.Node, type: StsType, ctype: string, c: () => CExpr, effects: boolean, stable = false): Val {
  return { node, type, effects, stable, emit: () => ({ c: c(), ctype }) };
}

export function voidVal(node: ts.Node, c: () => CExpr): Val {
  return { node, type: T_VOID, effects: true, stable: false, emit: () => ({ c: c(), ctype: "void" }) };
}

export function strVal(node: ts.Node, c: () => CExpr, effects: boolean, constant?: string): Val {
  return { node, type: T_STR, effects, stable: constant !== undefined, constant, emit: () => ({ c: c(), ctype: "sts_str" }) };
}

/** A Val whose C is an existing lvalue/read of a stored value of type `type`. */
export function storedVal(ctx: Context, node: ts.Node, type: StsType, c: () => CExpr, stable: boolean, effects = false): Val {
  if (type.t === "num") {
    const info = storageInfo(type);
    if (info.tag === "int") return numVal(node, info, { f64: () => cast("double", c()), int: c }, effects, stable);
    if (info.tag === "f32") return numVal(node, info, { f64: () => cast("double", c()), f32: c }, effects, stable);
    return numVal(node, info, { f64: c }, effects, stable);
  }
  if (type.t === "big") {
    const info = type.k === "i64" ? { lo: -(2n ** 63n), hi: 2n ** 63n - 1n } : { lo: 0n, hi: 2n ** 64n - 1n };
    return { ...bigVal(node, info, c, undefined, effects, stable), type };
  }
  return { node, type, effects, stable, emit: () => ({ c: c(), ctype: ctx.cType(type) }) };
}

export function storageInfo(type: Extract<StsType, { t: "num" }>): NumInfo {
  return infoOfStorage(type.k);
}

export function isNum(v: Val): v is Val & { num: NumInfo } {
  return v.type.t === "num" && !!v.num;
}

export function isBig(v: Val): v is Val & { big: BigInfo } {
  return v.type.t === "big" && !!v.big;
}

export function requireNotWide(ctx: Context, v: Val, what: string): boolean {
  if (v.big && bigWide(v.big)) {
    ctx.error(v.node, Rules.bigintWrap, `${what}: this bigint can leave the 64-bit range; wrap it with BigInt.asIntN(64, ...) or BigInt.asUintN(64, ...)`);
    return false;
  }
  return true;
}

/** JS truthiness of a value as a C condition. */
export function truthy(ctx: Context, v: Val): CExpr {
  const t = v.type;
  const c = (): CExpr => v.emit().c;
  switch (t.t) {
    case "bool": return c();
    case "num":
      if (v.num!.tag === "int") return { k: "binary", op: "!=", l: v.emit("int").c, r: lit("0") };
      return call("sts_truthy_f64", v.emit("f64").c);
    case "big":
      requireNotWide(ctx, v, "condition");
      return { k: "binary", op: "!=", l: v.emit("m64").c, r: lit("0") };
    case "str":
      return { k: "binary", op: "!=", l: { k: "member", e: c(), name: "n", arrow: false }, r: lit("0") };
    case "typed": case "buffer": case "dataview":
      return { k: "binary", op: "!=", l: { k: "member", e: c(), name: "data", arrow: false }, r: lit("NULL") };
    case "class": case "struct": case "array": case "fn":
      return { k: "binary", op: "!=", l: c(), r: lit("NULL") };
    default:
      ctx.error(v.node, Rules.logicalOperands, "this value has no truthiness in STS");
      return lit("0");
  }
}

