// Strings are for messages: concatenation with `+` and template literals, with
// numbers written as JavaScript's String(x) writes them.
import type ts from "typescript";
import { call } from "../../c/ast.ts";
import { bigFitsI64 } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { strVal, errorVal, requireNotWide } from "../expressions.ts";
import { type Val, emitInOrder, castTo } from "../value.ts";
import { isNullable, typeName, T_STR } from "../../types.ts";
import { stringConst } from "./literal.ts";

export function toStringVal(ctx: Context, v: Val): Val {
  if (v.poisoned) return errorVal(v.node, T_STR);
  const t = v.type;
  if (typeof v.constant === "string") return v;
  if (t.t === "str") {
    // JS joins null as "null"
    if (isNullable(t)) return { ...strVal(v.node, () => call("sts_str_or_null", v.emit().c), v.effects), emit: () => ({ c: call("sts_str_or_null", v.emit().c), ctype: "sts_str" }) };
    return v;
  }
  if (v.constant !== undefined && typeof v.constant !== "bigint") return stringConst(v.node, String(v.constant));
  if (v.constant !== undefined) return stringConst(v.node, String(v.constant));
  const wrap = (fn: string, mode: "v" | "f64" | "int"): Val => ({
    ...strVal(v.node, () => call(fn, v.emit(mode).c), v.effects),
    emit: () => {
      const inner = v.emit(mode);
      const arg = fn === "sts_str_from_i64" ? castTo(inner, "int64_t") : fn === "sts_str_from_u64" ? castTo(inner, "uint64_t") : inner.c;
      return { c: call(fn, arg), ctype: "sts_str" };
    },
  });
  if (t.t === "num") {
    const info = v.num!;
    return info.tag === "int" && !info.negz ? wrap("sts_str_from_i64", "int") : wrap("sts_str_from_f64", "f64");
  }
  if (t.t === "big") {
    if (!requireNotWide(ctx, v, "joining a bigint to a string")) return errorVal(v.node, T_STR);
    return bigFitsI64(v.big!) ? wrap("sts_str_from_i64", "v") : wrap("sts_str_from_u64", "v");
  }
  if (t.t === "bool") return wrap("sts_str_from_bool", "v");
  ctx.error(v.node, Rules.stringOps, `a ${typeName(t)} cannot be joined to a string`);
  return errorVal(v.node, T_STR);
}

export function concatStrings(ctx: Context, node: ts.Node, a: Val, b: Val): Val {
  if (typeof a.constant === "string" && typeof b.constant === "string") return stringConst(node, a.constant + b.constant);
  return {
    ...strVal(node, () => call("sts_str_concat"), a.effects || b.effects),
    emit: () => ({
      c: emitInOrder(ctx.scope, [{ val: a }, { val: b }], ([x, y]) => call("sts_str_concat", x.c, y.c)),
      ctype: "sts_str",
    }),
  };
}
