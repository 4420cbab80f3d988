// Property access (fields, lengths, enum members, static fields, constants)
// and element access (typed arrays and arrays).
import ts from "typescript";
import { type CExpr, arrow, member, id, call, lit, unary, comma, index as cindex, assign, cast } from "../../c/ast.ts";
import { LENGTH_MAX } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, errorVal, numConst, numVal, storedVal } from "../expressions.ts";
import type { Val } from "../value.ts";
import { typeName, typedArrayElement, type StsType } from "../../types.ts";
import { elementVal } from "./typed-arrays.ts";
import { builtinConstant } from "./builtins.ts";

export function visitPropertyAccess(ctx: Context, node: ts.PropertyAccessExpression): Val {
  const name = node.name.text;
  if (ts.isIdentifier(node.expression)) {
    const konst = builtinConstant(ctx, node.expression.text, name, node);
    if (konst) return konst;
  }
  if (node.questionDotToken) {
    ctx.error(node, Rules.logicalOperands, "`?.` is not in STS: test against null explicitly");
    return errorVal(node);
  }
  // enum members and static members are reached through their declaration
  const sym = ctx.symbolOf(node.name) ?? ctx.symbolOf(node);
  const decl = sym?.valueDeclaration;
  if (decl && ts.isEnumMember(decl)) {
    const v = ctx.checker.getConstantValue(decl);
    if (typeof v !== "number") {
      ctx.error(node, Rules.enumForm, "enum members are numeric constants");
      return errorVal(node);
    }
    return numConst(node, v);
  }
  if (decl && ts.isMethodDeclaration(decl) && ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Static && ts.isClassDeclaration(decl.parent)) {
    // a static method is a plain function: usable as a function value
    const info = ctx.classInfo(decl.parent).staticMethods.get(name)!;
    const type: StsType = { t: "fn", params: info.params.map((p) => p.type), ret: info.ret };
    return { node, type, effects: false, stable: true, fnRef: info, emit: () => ({ c: id(info.cname), ctype: ctx.cType(type) }) };
  }
  if (decl && ts.isPropertyDeclaration(decl) && ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Static && ts.isClassDeclaration(decl.parent)) {
    const info = ctx.classInfo(decl.parent).staticFields.get(name)!;
    const v = storedVal(ctx, node, info.type, () => id(info.cname), false);
    v.lvalue = { type: info.type, place: () => id(info.cname), simple: true, stable: true };
    return v;
  }
  const obj = visitExpr(ctx, node.expression);
  if (obj.poisoned) return errorVal(node);
  const t = obj.type;
  const viaTemp = (f: (o: CExpr) => CExpr): (() => CExpr) => () => accessOnce(ctx, obj, f);
  if (name === "length" && (t.t === "array" || t.t === "typed")) {
    const read = viaTemp((o) => cast("int32_t", t.t === "array" ? arrow(o, "length") : member(o, "length")));
    return numVal(node, { tag: "int", lo: 0, hi: LENGTH_MAX, negz: false }, { int: read, f64: () => ({ k: "cast", type: "double", e: read() }) }, obj.effects);
  }
  if (name === "byteLength" && (t.t === "buffer" || t.t === "dataview")) {
    const read = viaTemp((o) => cast("int32_t", member(o, "length")));
    return numVal(node, { tag: "int", lo: 0, hi: LENGTH_MAX, negz: false }, { int: read, f64: () => ({ k: "cast", type: "double", e: read() }) }, obj.effects);
  }
  if (t.t === "class" || t.t === "struct") {
    const field = t.info.fields.get(name);
    if (!field) {
      const isMethod = t.t === "class" && t.info.methods.has(name);
      ctx.error(node, isMethod ? Rules.closure : Rules.unsupportedSyntax,
        isMethod ? `method \`${name}\` is called, not used as a value` : `\`${typeName(t)}\` has no field \`${name}\``);
      return errorVal(node);
    }
    const place = (): CExpr => placeThrough(ctx, obj, (o) => arrow(o, field.cname));
    const v = storedVal(ctx, node, field.type, place, false, obj.effects);
    v.lvalue = { type: field.type, place, simple: !obj.effects && obj.stable, stable: !obj.effects && obj.stable };
    return v;
  }
  if (t.t === "str" && name === "length") {
    ctx.error(node, Rules.stringOps, "strings are for messages: `.length` counts UTF-16 units in JS and bytes in C");
    return errorVal(node);
  }
  if (t.t === "typed" && (name === "buffer" || name === "byteOffset" || name === "byteLength")) {
    ctx.error(node, Rules.typedArrayForm, `\`.${name}\` of a typed array is not in STS: keep the ArrayBuffer in a variable`);
    return errorVal(node);
  }
  ctx.error(node, Rules.unsupportedSyntax, `\`${name}\` of a ${typeName(t)} is not in STS`);
  return errorVal(node);
}

/** Evaluates `obj` once (through a temporary if it has effects) and applies `f`. */
export function accessOnce(ctx: Context, obj: Val, f: (o: CExpr) => CExpr): CExpr {
  const o = obj.emit();
  if (!obj.effects) return f(o.c);
  const t = ctx.scope.temp(o.ctype);
  return comma([assign(id(t), o.c), f(id(t))]);
}

/** Like accessOnce, but the result stays an lvalue: `*(t = obj, &t->f)`. */
export function placeThrough(ctx: Context, obj: Val, f: (o: CExpr) => CExpr): CExpr {
  const o = obj.emit();
  if (!obj.effects) return f(o.c);
  const t = ctx.scope.temp(o.ctype);
  return unary("*", comma([assign(id(t), o.c), unary("&", f(id(t)))]));
}

export function visitElementAccess(ctx: Context, node: ts.ElementAccessExpression): Val {
  if (node.questionDotToken) {
    ctx.error(node, Rules.logicalOperands, "`?.[]` is not in STS: test against null explicitly");
    return errorVal(node);
  }
  const obj = visitExpr(ctx, node.expression);
  const idx = visitExpr(ctx, node.argumentExpression);
  if (obj.poisoned || idx.poisoned) return errorVal(node);
  const t = obj.type;
  if (t.t !== "typed" && t.t !== "array") {
    ctx.error(node, t.t === "str" ? Rules.stringOps : Rules.unsupportedSyntax,
      t.t === "str" ? "strings are for messages: no indexing" : `indexing a ${typeName(t)} is dynamic property access, which is not in STS`);
    return errorVal(node);
  }
  if (idx.type.t !== "num" || !idx.num || idx.num.tag !== "int") {
    ctx.error(node.argumentExpression, t.t === "typed" ? Rules.typedArrayForm : Rules.arrayForm,
      "an index must be an integer-typed number (a double index reads `undefined` in JS)");
    return errorVal(node);
  }
  const loc = ctx.locLit(node);
  // JS evaluates the object before the index: keep that order if the index has effects
  const place = (): CExpr => {
    const needTemp = obj.effects || (idx.effects && !obj.stable);
    const o = obj.emit();
    const pre: CExpr[] = [];
    let oc = o.c;
    if (needTemp) {
      const tv = ctx.scope.temp(o.ctype);
      pre.push(assign(id(tv), o.c));
      oc = id(tv);
    }
    const i = idx.emit("int").c;
    const elem = t.t === "typed"
      ? cindex(member(oc, "data"), call("STS_IDX", i, member(oc, "length"), loc))
      : call("STS_ARRAY_AT", lit(ctx.cType((t as { elem: StsType }).elem)), oc, i, loc);
    return pre.length ? unary("*", comma([...pre, unary("&", elem)])) : elem;
  };
  const simple = !obj.effects && !idx.effects;
  if (t.t === "typed") {
    const v = elementVal(ctx, node, t.kind, place, obj.effects || idx.effects);
    const k = typedArrayElement[t.kind];
    v.lvalue = { type: k === "i64" || k === "u64" ? { t: "big", k } : { t: "num", k }, place, simple, stable: obj.stable && idx.stable, wrapsOnStore: true, pointerType: `sts_${t.kind}_elem *` };
    return v;
  }
  const v = storedVal(ctx, node, t.elem, place, false, obj.effects || idx.effects);
  v.lvalue = { type: t.elem, place, simple, stable: obj.stable && idx.stable };
  return v;
}
