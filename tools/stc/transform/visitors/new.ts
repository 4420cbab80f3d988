// `new`: class instances, typed arrays, ArrayBuffer, DataView, Array, Error.
import ts from "typescript";
import { call } from "../../c/ast.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { errorVal } from "../expressions.ts";
import { emitInOrder, type Val } from "../value.ts";
import { isTypedArrayName, type StsType } from "../../types.ts";
import { argumentVals, callResult } from "./call.ts";
import { newTypedArray } from "./typed-arrays.ts";

export function visitNew(ctx: Context, node: ts.NewExpression, expected?: StsType): Val {
  const callee = node.expression;
  if (!ts.isIdentifier(callee)) {
    ctx.error(node, Rules.unsupportedSyntax, "`new` takes a class name");
    return errorVal(node);
  }
  const sym = ctx.symbolOf(callee);
  const decl = sym?.declarations?.find((d) => ts.isClassDeclaration(d)) as ts.ClassDeclaration | undefined;
  if (decl && !decl.getSourceFile().isDeclarationFile) {
    const info = ctx.classInfo(decl);
    if (info.intrinsic) {
      ctx.error(node, Rules.unsupportedSyntax, `${info.name} objects are made by their functions (e.g. arenaCreate)`);
      return errorVal(node);
    }
    const args = argumentVals(ctx, node, info.ctor.params.map((p) => p.type), node.arguments ?? [], `new ${info.name}`);
    return callResult(ctx, node, { t: "class", info }, () => emitInOrder(ctx.scope, args.map((val) => ({ val })), (cs) => call(info.ctor.cname, ...cs.map((c) => c.c))));
  }
  const name = callee.text;
  if (isTypedArrayName(name) || name === "ArrayBuffer" || name === "DataView") return newTypedArray(ctx, node, name);
  if (name === "Array") {
    if ((node.arguments?.length ?? 0) === 0 && expected?.t === "array") {
      const elem = expected.elem;
      return callResult(ctx, node, expected, () => call("sts_array_new", { k: "sizeof", type: ctx.cType(elem) }, { k: "lit", text: "0" }));
    }
    ctx.error(node, Rules.arrayForm, "make arrays with a literal: `const a: T[] = []`");
    return errorVal(node);
  }
  if (name === "Error") {
    ctx.error(node, Rules.exceptions, "an Error is only thrown: `throw new Error(message)`");
    return errorVal(node);
  }
  ctx.error(node, Rules.unknownGlobal, `\`new ${name}\` is not in STS`);
  return errorVal(node);
}
