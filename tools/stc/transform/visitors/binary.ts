// Binary expressions: dispatch by operator family.
import ts from "typescript";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, errorVal, isNum, isBig } from "../expressions.ts";
import type { Val } from "../value.ts";
import { numberArithmetic } from "./number-ops.ts";
import { bigintArithmetic } from "./bigint-ops.ts";
import { visitComparison, visitLogical } from "./compare.ts";
import { visitAssignment } from "./assignment.ts";
import { concatStrings, toStringVal } from "./strings.ts";
import { typeName } from "../../types.ts";

const K = ts.SyntaxKind;

const arithmetic = new Map<ts.SyntaxKind, string>([
  [K.PlusToken, "+"], [K.MinusToken, "-"], [K.AsteriskToken, "*"], [K.SlashToken, "/"], [K.PercentToken, "%"],
  [K.AmpersandToken, "&"], [K.BarToken, "|"], [K.CaretToken, "^"],
  [K.LessThanLessThanToken, "<<"], [K.GreaterThanGreaterThanToken, ">>"], [K.GreaterThanGreaterThanGreaterThanToken, ">>>"],
]);

const comparisons = new Set([
  K.LessThanToken, K.LessThanEqualsToken, K.GreaterThanToken, K.GreaterThanEqualsToken,
  K.EqualsEqualsToken, K.EqualsEqualsEqualsToken, K.ExclamationEqualsToken, K.ExclamationEqualsEqualsToken,
]);

export function visitBinary(ctx: Context, node: ts.BinaryExpression): Val {
  const op = node.operatorToken.kind;
  if (op >= K.FirstAssignment && op <= K.LastAssignment) return visitAssignment(ctx, node);
  if (comparisons.has(op)) return visitComparison(ctx, node);
  if (op === K.AmpersandAmpersandToken || op === K.BarBarToken) return visitLogical(ctx, node);
  const sym = arithmetic.get(op);
  if (!sym) {
    const text = node.operatorToken.getText();
    if (op === K.QuestionQuestionToken) ctx.error(node, Rules.logicalOperands, "`??` is not in STS: test against null explicitly");
    else ctx.error(node.operatorToken, Rules.operatorUnsupported, `the \`${text}\` operator is not in STS`);
    return errorVal(node);
  }
  const a = visitExpr(ctx, node.left);
  const b = visitExpr(ctx, node.right);
  return binaryOperation(ctx, node, sym, a, b);
}

/** `a op b` for already visited operands (also used by compound assignment). */
export function binaryOperation(ctx: Context, node: ts.Node, op: string, a: Val, b: Val): Val {
  if (a.poisoned || b.poisoned) return errorVal(node);
  if (op === "+" && (a.type.t === "str" || b.type.t === "str")) {
    return concatStrings(ctx, node, toStringVal(ctx, a), toStringVal(ctx, b));
  }
  if (isNum(a) && isNum(b)) return numberArithmetic(ctx, node, op, a, b);
  if (isBig(a) && isBig(b)) return bigintArithmetic(ctx, node, op, a, b);
  if ((isBig(a) && isNum(b)) || (isNum(a) && isBig(b))) {
    ctx.error(node, Rules.bigintMix, "bigint and number do not mix: convert with BigInt(x) or Number(x)");
  } else {
    ctx.error(node, Rules.unsupportedSyntax, `\`${op}\` does not apply to ${typeName(a.type)} and ${typeName(b.type)}`);
  }
  return errorVal(node);
}
