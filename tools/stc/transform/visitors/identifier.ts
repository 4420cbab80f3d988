// Names: variables, parameters, top-level functions used as values, enum
// members reached through their enum, and the global constants NaN/Infinity.
import ts from "typescript";
import { id, lit, cast } from "../../c/ast.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { errorVal, numConst, bigConst, boolVal, numVal, bigVal, storedVal } from "../expressions.ts";
import { stringConst } from "./literal.ts";
import type { Val } from "../value.ts";
import { declareGlobalLazily } from "../statements/variables.ts";

export function visitIdentifier(ctx: Context, node: ts.Identifier): Val {
  if (node.text === "NaN") return numConst(node, NaN);
  if (node.text === "Infinity") return numConst(node, Infinity);
  if (node.text === "undefined") {
    ctx.error(node, Rules.anyType, "`undefined` is not an STS value: use `T | null` and null");
    return errorVal(node);
  }
  // `{ lo, hi }`: the name stands for the variable, not for the property
  const sym = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
    ? ctx.checker.getShorthandAssignmentValueSymbol(node.parent)
    : ctx.symbolOf(node);
  const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
  if (!sym || !decl) {
    ctx.error(node, Rules.unknownGlobal, `unknown name \`${node.text}\``);
    return errorVal(node);
  }
  if (ts.isFunctionDeclaration(decl)) {
    const info = ctx.funcInfo(decl);
    if (info.intrinsic || info.native) {
      if (info.intrinsic) ctx.error(node, Rules.closure, `\`${node.text}\` is built in and cannot be used as a value`);
    }
    return { node, type: { t: "fn", params: info.params.map((p) => p.type), ret: info.ret }, effects: false, stable: true, fnRef: info,
      emit: () => ({ c: id(info.cname), ctype: ctx.cType({ t: "fn", params: info.params.map((p) => p.type), ret: info.ret }) }) };
  }
  if (ctx.isLibDeclaration(decl)) {
    ctx.error(node, Rules.unknownGlobal, `\`${node.text}\` is not one of the globals STS defines`);
    return errorVal(node);
  }
  let info = ctx.vars.get(sym);
  if (!info && ts.isVariableDeclaration(decl)) info = declareGlobalLazily(ctx, decl, sym);
  if (!info) {
    if (ts.isEnumDeclaration(decl)) {
      ctx.error(node, Rules.enumForm, `enum \`${node.text}\` is used through its members (\`${node.text}.Name\`); no reverse mapping`);
    } else if (ts.isClassDeclaration(decl)) {
      ctx.error(node, Rules.unsupportedSyntax, `\`${node.text}\` names a type: use its members (e.g. \`${node.text}.x\`)`);
    } else ctx.error(node, Rules.unsupportedSyntax, `\`${node.text}\` cannot be used here`);
    return errorVal(node);
  }
  const v = info;
  if (typeof v.constant === "number") return numConst(node, v.constant);
  if (typeof v.constant === "bigint") return bigConst(node, v.constant);
  if (typeof v.constant === "string") return stringConst(node, v.constant);
  if (typeof v.constant === "boolean") return boolVal(node, () => lit(String(v.constant)), false, v.constant);
  if (v.num) {
    const n = v.num;
    const read = () => id(v.cname);
    if (n.tag === "int" && !n.negz) return numVal(node, n, { int: read, f64: () => cast("double", read()) }, false, v.stable);
    if (n.tag === "f32") return numVal(node, n, { f32: read, f64: () => cast("double", read()) }, false, v.stable);
    return numVal(node, n, { f64: read }, false, v.stable);
  }
  if (v.big) return bigVal(node, v.big, () => id(v.cname), undefined, false, v.stable);
  const val = storedVal(ctx, node, v.type, () => id(v.cname), v.stable);
  val.lvalue = { type: v.type, place: () => id(v.cname), simple: true, stable: true };
  return val;
}

export function visitThis(ctx: Context, node: ts.ThisExpression): Val {
  const cls = ctx.scope?.selfClass;
  if (!cls) {
    ctx.error(node, Rules.unsupportedSyntax, "`this` is only used inside class constructors and methods");
    return errorVal(node);
  }
  return storedVal(ctx, node, { t: "class", info: cls }, () => id("self"), true);
}
