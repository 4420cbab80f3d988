// Literals: numbers, bigints, strings, templates, true/false/null.
import ts from "typescript";
import { call, lit, cString } from "../../c/ast.ts";
import type { Context } from "../context.ts";
import { numConst, bigConst, strVal, boolVal, visitExpr, errorVal } from "../expressions.ts";
import { concatStrings, toStringVal } from "./strings.ts";
import type { Val } from "../value.ts";
import { T_NULL, type StsType } from "../../types.ts";
import { Rules } from "../../rules.ts";

export function visitNumericLiteral(_ctx: Context, node: ts.NumericLiteral): Val {
  return numConst(node, Number(node.text.replace(/_/g, "")));
}

export function visitBigIntLiteral(_ctx: Context, node: ts.BigIntLiteral): Val {
  return bigConst(node, BigInt(node.text.replace(/_/g, "").replace(/n$/, "")));
}

export function stringConst(node: ts.Node, s: string): Val {
  return strVal(node, () => call("STS_STR", lit(cString(s))), false, s);
}

export function visitStringLiteral(_ctx: Context, node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): Val {
  return stringConst(node, node.text);
}

export function visitTemplate(ctx: Context, node: ts.TemplateExpression): Val {
  let acc: Val = stringConst(node.head, node.head.text);
  for (const span of node.templateSpans) {
    acc = concatStrings(ctx, node, acc, toStringVal(ctx, visitExpr(ctx, span.expression)));
    if (span.literal.text) acc = concatStrings(ctx, node, acc, stringConst(span.literal, span.literal.text));
  }
  return acc;
}

export function visitKeywordLiteral(ctx: Context, node: ts.Expression, expected?: StsType): Val {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return boolVal(node, () => lit("true"), false, true);
  if (node.kind === ts.SyntaxKind.FalseKeyword) return boolVal(node, () => lit("false"), false, false);
  // null takes the C form of the type it flows into
  const type = expected && expected.t !== "null" ? expected : T_NULL;
  if (type.t === "null" && !expected) {
    return { node, type: T_NULL, effects: false, stable: true, emit: () => ({ c: lit("NULL"), ctype: "void *" }) };
  }
  if (type.t === "num" || type.t === "big" || type.t === "bool") {
    ctx.error(node, Rules.nullable, "null is not a number or boolean value");
    return errorVal(node);
  }
  return { node, type: T_NULL, effects: false, stable: true, emit: () => ({ c: ctx.nullValue(type), ctype: ctx.cType(type) }) };
}
