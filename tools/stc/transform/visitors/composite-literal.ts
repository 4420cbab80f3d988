// Object literals (values of interfaces) and array literals (`T[]`).
import ts from "typescript";
import { type CExpr, call, id, lit, assign, comma, arrow, cast } from "../../c/ast.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, errorVal, simpleVal } from "../expressions.ts";
import type { Val } from "../value.ts";
import { convert } from "../convert.ts";
import { type StsType, nonNull, typeName } from "../../types.ts";

export function visitObjectLiteral(ctx: Context, node: ts.ObjectLiteralExpression, expected?: StsType): Val {
  const t = expected && nonNull(expected);
  if (!t || t.t !== "struct") {
    ctx.error(node, Rules.objectLiteral, expected ? `an object literal cannot be a ${typeName(expected)}` : "an object literal needs a declared interface type");
    return errorVal(node);
  }
  const info = t.info;
  const seen = new Set<string>();
  const inits: { cname: string; emit: () => CExpr }[] = [];
  for (const p of node.properties) {
    let name: string | undefined;
    let valueNode: ts.Expression | undefined;
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      name = p.name.text;
      valueNode = p.initializer;
    } else if (ts.isShorthandPropertyAssignment(p)) {
      name = p.name.text;
      valueNode = p.name;
    }
    const field = name !== undefined ? info.fields.get(name) : undefined;
    if (!name || !valueNode || !field || seen.has(name)) {
      ctx.error(p, Rules.objectLiteral, `each field of ${info.name} is listed once as \`name: value\``);
      continue;
    }
    seen.add(name);
    const v = ts.isShorthandPropertyAssignment(p) ? visitExpr(ctx, p.name, field.type) : visitExpr(ctx, valueNode, field.type);
    inits.push({ cname: field.cname, emit: convert(ctx, v, field.type, `field ${name}`) });
  }
  for (const f of info.fields.keys()) {
    if (!seen.has(f)) ctx.error(node, Rules.objectLiteral, `field \`${f}\` of ${info.name} is missing`);
  }
  const ctype = `${info.cname} *`;
  return simpleVal(node, t, ctype, () => {
    const tmp = ctx.scope.temp(ctype);
    // fields are stored in source order, as JS evaluates them
    return comma([
      assign(id(tmp), cast(ctype, call("sts_alloc", { k: "sizeof", type: info.cname }))),
      ...inits.map((i) => assign(arrow(id(tmp), i.cname), i.emit())),
      id(tmp),
    ]);
  }, true);
}

export function visitArrayLiteral(ctx: Context, node: ts.ArrayLiteralExpression, expected?: StsType): Val {
  const t = expected && nonNull(expected);
  let elemType: StsType | undefined = t?.t === "array" ? t.elem : undefined;
  const vals: Val[] = [];
  for (const e of node.elements) {
    if (ts.isSpreadElement(e) || ts.isOmittedExpression(e)) {
      ctx.error(e, Rules.arrayForm, "array literals list their elements: no holes or spread");
      continue;
    }
    const v = visitExpr(ctx, e, elemType);
    if (!elemType) {
      if (v.type.t === "num" || v.type.t === "big" || v.type.t === "null") {
        ctx.error(node, Rules.numberAnnotation, "declare the element type of this array (e.g. `const a: i32[] = [...]`)");
        return errorVal(node);
      }
      elemType = v.type;
    }
    vals.push(v);
  }
  if (!elemType) {
    ctx.error(node, Rules.arrayForm, "an empty array literal needs a declared type (e.g. `const a: i32[] = []`)");
    return errorVal(node);
  }
  const et = elemType;
  const convs = vals.map((v, i) => convert(ctx, v, et, `element ${i}`));
  const ctype = ctx.cType(et);
  return simpleVal(node, { t: "array", elem: et }, "sts_array *", () => {
    const tmp = ctx.scope.temp("sts_array *");
    const n = String(vals.length);
    return comma([
      assign(id(tmp), call("sts_array_new", { k: "sizeof", type: ctype }, lit(n))),
      ...convs.map((c) => call("STS_ARRAY_PUSH", lit(ctype), id(tmp), c())),
      id(tmp),
    ]);
  }, true);
}
