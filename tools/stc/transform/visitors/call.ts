// Calls: built-ins, top-level functions, natives, calls through function
// values, methods (class, static, array, typed array, DataView).
import ts from "typescript";
import { type CExpr, call, id, lit, arrow, comma, assign } from "../../c/ast.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, errorVal, storedVal, voidVal, numVal } from "../expressions.ts";
import { type Val, emitInOrder } from "../value.ts";
import { convert } from "../convert.ts";
import { type StsType, type FuncInfo, typeName, nonNull } from "../../types.ts";
import { builtinCall } from "./builtins.ts";
import { typedMethodCall } from "./typed-arrays.ts";
import { LENGTH_MAX } from "../../numeric.ts";

/** Arguments converted to their parameter types, as values emitted in JS order. */
export function argumentVals(ctx: Context, node: ts.Node, params: StsType[], args: readonly ts.Expression[], what: string): Val[] {
  if (args.length !== params.length) {
    ctx.error(node, Rules.params, `${what} takes ${params.length} argument${params.length === 1 ? "" : "s"}, not ${args.length}`);
  }
  return args.slice(0, params.length).map((a, i) => {
    const v = visitExpr(ctx, a, params[i]);
    const conv = convert(ctx, v, params[i], `argument ${i + 1} of ${what}`);
    return { ...v, emit: () => ({ c: conv(), ctype: ctx.cType(params[i]) }) };
  });
}

/** The result of calling something that returns `ret`. */
export function callResult(ctx: Context, node: ts.Node, ret: StsType, emit: () => CExpr): Val {
  if (ret.t === "void") return voidVal(node, emit);
  return storedVal(ctx, node, ret, emit, false, true);
}

function callFunction(ctx: Context, node: ts.CallExpression, info: FuncInfo, receiver?: Val): Val {
  const what = `\`${node.expression.getText()}\``;
  const args = argumentVals(ctx, node, info.params.map((p) => p.type), node.arguments, what);
  const all = receiver ? [receiver, ...args] : args;
  const fn = info.intrinsic ?? info.cname;
  return callResult(ctx, node, info.ret, () => emitInOrder(ctx.scope, all.map((val) => ({ val })), (cs) => call(fn, ...cs.map((c) => c.c))));
}

export function visitCall(ctx: Context, node: ts.CallExpression): Val {
  const callee = node.expression;
  if (callee.kind === ts.SyntaxKind.SuperKeyword) {
    ctx.error(node, Rules.classForm, "classes do not extend other classes in STS");
    return errorVal(node);
  }
  if (node.questionDotToken) {
    ctx.error(node, Rules.logicalOperands, "`?.()` is not in STS");
    return errorVal(node);
  }
  if (node.typeArguments) ctx.error(node, Rules.generics, "no type arguments in STS");

  // built-ins first: their arguments are visited without a declared type
  if (isBuiltinCallee(ctx, callee)) {
    const args = node.arguments.map((a) => visitExpr(ctx, a));
    const b = builtinCall(ctx, node, args);
    if (b) return b;
  }

  if (ts.isIdentifier(callee)) {
    const sym = ctx.symbolOf(callee);
    const decl = sym?.valueDeclaration;
    if (decl && ctx.isLibDeclaration(decl)) {
      ctx.error(callee, Rules.unknownGlobal, `\`${callee.text}\` is not one of the globals STS defines`);
      return errorVal(node);
    }
    if (decl && ts.isFunctionDeclaration(decl)) return callFunction(ctx, node, ctx.funcInfo(decl));
  }

  if (ts.isPropertyAccessExpression(callee)) {
    const name = callee.name.text;
    const sym = ctx.symbolOf(callee.name);
    const decl = sym?.valueDeclaration;
    if (decl && ts.isMethodDeclaration(decl) && ts.isClassDeclaration(decl.parent)) {
      const cls = ctx.classInfo(decl.parent);
      if (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Static) return callFunction(ctx, node, cls.staticMethods.get(name)!);
      const recv = visitExpr(ctx, callee.expression);
      return callFunction(ctx, node, cls.methods.get(name)!, recv);
    }
    const obj = visitExpr(ctx, callee.expression);
    if (obj.poisoned) return errorVal(node);
    const t = nonNull(obj.type);
    if (t.t === "array") return arrayMethod(ctx, node, obj, t.elem, name);
    if (t.t === "str") {
      ctx.error(node, Rules.stringOps, `strings are for messages: no methods (\`${name}\`)`);
      return errorVal(node);
    }
    if (t.t === "typed" || t.t === "dataview") {
      const args = node.arguments.map((a) => visitExpr(ctx, a));
      const r = typedMethodCall(ctx, node, obj, name, args);
      if (r) return r;
    }
    if ((t.t === "class" || t.t === "struct") && t.info.fields.get(name)?.type.t === "fn") {
      const fnType = t.info.fields.get(name)!.type as Extract<StsType, { t: "fn" }>;
      const field = t.info.fields.get(name)!;
      const fv = storedVal(ctx, callee, fnType, () => arrow(obj.emit().c, field.cname), false, obj.effects);
      return callThrough(ctx, node, fv, fnType);
    }
    ctx.error(node, Rules.unsupportedSyntax, `\`${name}\` is not a method STS knows on a ${typeName(obj.type)}`);
    return errorVal(node);
  }

  const fv = visitExpr(ctx, callee);
  if (fv.type.t === "fn") return callThrough(ctx, node, fv, fv.type);
  ctx.error(node, Rules.unsupportedSyntax, `a ${typeName(fv.type)} is not callable`);
  return errorVal(node);
}

function callThrough(ctx: Context, node: ts.CallExpression, fv: Val, t: Extract<StsType, { t: "fn" }>): Val {
  const args = argumentVals(ctx, node, t.params, node.arguments, "this function value");
  return callResult(ctx, node, t.ret, () => emitInOrder(ctx.scope, [fv, ...args].map((val) => ({ val })), ([f, ...cs]) => call(f.c, ...cs.map((c) => c.c))));
}

function isBuiltinCallee(ctx: Context, callee: ts.Expression): boolean {
  const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  if (!ts.isIdentifier(root)) return false;
  const d = ctx.checker.getSymbolAtLocation(root)?.declarations?.[0];
  return !!d && d.getSourceFile().isDeclarationFile;
}

function arrayMethod(ctx: Context, node: ts.CallExpression, obj: Val, elem: StsType, name: string): Val {
  const ctype = ctx.cType(elem);
  if (name === "push") {
    const vals = node.arguments.map((a) => visitExpr(ctx, a, elem));
    const convs = vals.map((v, i) => convert(ctx, v, elem, `argument ${i + 1} of push`));
    const emit = (): CExpr => {
      const o = obj.emit();
      let arr = o.c;
      const pre: CExpr[] = [];
      if (!obj.stable || vals.length > 1) {
        const t = ctx.scope.temp("sts_array *");
        pre.push(assign(id(t), arr));
        arr = id(t);
      }
      const pushes = convs.map((c) => call("STS_ARRAY_PUSH", lit(ctype), arr, c()));
      return comma([...pre, ...pushes]);
    };
    return numVal(node, { tag: "int", lo: 1, hi: LENGTH_MAX, negz: false }, { int: emit, intType: "uint32_t", f64: () => ({ k: "cast", type: "double", e: emit() }) }, true);
  }
  if (name === "pop") {
    if (node.arguments.length) ctx.error(node, Rules.arrayForm, "pop() takes no arguments");
    return callResult(ctx, node, elem, () => call("STS_ARRAY_POP", lit(ctype), obj.emit().c, ctx.locLit(node)));
  }
  ctx.error(node, Rules.arrayForm, `\`${name}\` is not one of the array members STS supports (push, pop, length, indexing)`);
  return errorVal(node);
}

