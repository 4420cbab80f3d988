// Typed arrays, ArrayBuffer and DataView: construction, element reads and
// stores (with JavaScript's conversions), and the supported methods.
import ts from "typescript";
import { type CExpr, call, cast, lit, member, id, assign, comma, index as cindex } from "../../c/ast.ts";
import { storageRange, bigStorageInfo, type NumStorage } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, errorVal, bigVal, simpleVal, storedVal, isNum, isBig } from "../expressions.ts";
import { type Val, castTo } from "../value.ts";

import { type StsType, type TypedArrayKind, typedArrayElement, typedArrayElementCType, typeName } from "../../types.ts";
import { accessOnce } from "./access.ts";

/** A read of an element of a typed array of kind `kind`. */
export function elementVal(ctx: Context, node: ts.Node, kind: TypedArrayKind, read: () => CExpr, effects: boolean): Val {
  const k = typedArrayElement[kind];
  if (k === "i64" || k === "u64") return { ...bigVal(node, bigStorageInfo[k], read, undefined, effects), type: { t: "big", k } };
  return storedVal(ctx, node, { t: "num", k }, read, false, effects);
}

/**
 * The conversion JS applies when a number is stored into an element of type
 * `target`: ToInt8/ToUint8/.../ToInt32/ToUint32 wrap, Float32 rounds,
 * BigInt64/BigUint64 wrap modulo 2^64.
 */
export function storeConvert(ctx: Context, v: Val, target: StsType): () => CExpr {
  if (target.t === "big") {
    if (!isBig(v)) {
      ctx.error(v.node, Rules.bigintConvert, "a BigInt64Array/BigUint64Array element takes a bigint");
      return () => lit("0");
    }
    const ctype = target.k === "i64" ? "int64_t" : "uint64_t";
    return () => cast(ctype, v.emit("m64").c);
  }
  if (target.t !== "num" || !isNum(v)) {
    ctx.error(v.node, isBig(v) ? Rules.bigintConvert : Rules.unsupportedType, `a typed-array element takes a number, not a ${typeName(v.type)}`);
    return () => lit("0");
  }
  const k = target.k;
  if (k === "f64") return () => v.emit("f64").c;
  if (k === "f32") return () => (v.num.tag === "f32" ? castTo(v.emit("v"), "float") : cast("float", v.emit("f64").c));
  const [lo, hi] = storageRange[k];
  const ctype = typedArrayElementCType[kindOf(k)];
  if (v.num.tag === "int" && v.num.lo >= lo && v.num.hi <= hi) return () => castTo(v.emit("int"), ctype);
  return () => cast(ctype, v.emit(k === "u32" || k === "u16" || k === "u8" ? "m32" : "s32").c);
}

function kindOf(k: NumStorage): TypedArrayKind {
  return ({ u8: "Uint8Array", i8: "Int8Array", u16: "Uint16Array", i16: "Int16Array", u32: "Uint32Array", i32: "Int32Array", f32: "Float32Array", f64: "Float64Array" } as const)[k as "u8"];
}

export function elementType(kind: TypedArrayKind): StsType {
  const k = typedArrayElement[kind];
  return k === "i64" || k === "u64" ? { t: "big", k } : { t: "num", k };
}

/** An integer argument (length, offset, index) as int64_t. */
function intArg(ctx: Context, v: Val, what: string): () => CExpr {
  if (!isNum(v) || v.num.tag !== "int") {
    ctx.error(v.node, Rules.typedArrayForm, `${what} must be an integer-typed number`);
    return () => lit("0");
  }
  return () => castTo(v.emit("int"), "int64_t");
}

/** `new K(length)`, `new K([..])`, `new K(buffer, byteOffset?, length?)`, `new ArrayBuffer(n)`, `new DataView(buffer, ...)`. */
export function newTypedArray(ctx: Context, node: ts.NewExpression, name: string): Val {
  const args = node.arguments ?? [];
  const loc = ctx.locLit(node);
  if (name === "ArrayBuffer") {
    const n = args.length === 1 ? visitExpr(ctx, args[0]) : undefined;
    if (!n) { ctx.error(node, Rules.typedArrayForm, "new ArrayBuffer(byteLength)"); return errorVal(node, { t: "buffer" }); }
    const len = intArg(ctx, n, "a byte length");
    return simpleVal(node, { t: "buffer" }, "sts_ArrayBuffer", () => call("sts_ArrayBuffer_new", len(), loc), true);
  }
  if (name === "DataView") {
    const vals = args.map((a) => visitExpr(ctx, a));
    if (vals.length < 1 || vals.length > 3 || vals[0].type.t !== "buffer") {
      ctx.error(node, Rules.typedArrayForm, "new DataView(buffer, byteOffset?, byteLength?)");
      return errorVal(node, { t: "dataview" });
    }
    const off = vals[1] ? intArg(ctx, vals[1], "a byte offset") : () => lit("0");
    const len = vals[2] ? intArg(ctx, vals[2], "a byte length") : () => lit("-1");
    return simpleVal(node, { t: "dataview" }, "sts_DataView", () => call("sts_DataView_new", vals[0].emit().c, off(), len(), loc), true);
  }
  const kind = name as TypedArrayKind;
  const type: StsType = { t: "typed", kind };
  const ctype = `sts_${kind}`;
  if (args.length === 1 && ts.isArrayLiteralExpression(args[0])) {
    const elems = args[0].elements.map((e) => visitExpr(ctx, e));
    const stores = elems.map((e) => storeConvert(ctx, e, elementType(kind)));
    return simpleVal(node, type, ctype, () => {
      const tmp = ctx.scope.temp(ctype);
      const list: CExpr[] = [assign(id(tmp), call(`${ctype}_new`, lit(String(elems.length)), loc))];
      stores.forEach((s, i) => list.push(assign(cindex(member(id(tmp), "data"), lit(String(i))), s())));
      list.push(id(tmp));
      return comma(list);
    }, true);
  }
  const vals = args.map((a) => visitExpr(ctx, a));
  if (vals.length === 1 && isNum(vals[0])) {
    const len = intArg(ctx, vals[0], "a typed-array length");
    return simpleVal(node, type, ctype, () => call(`${ctype}_new`, len(), loc), true);
  }
  if (vals.length >= 1 && vals.length <= 3 && vals[0].type.t === "buffer") {
    const off = vals[1] ? intArg(ctx, vals[1], "a byte offset") : () => lit("0");
    const len = vals[2] ? intArg(ctx, vals[2], "a length") : () => lit("-1");
    return simpleVal(node, type, ctype, () => call(`${ctype}_view`, vals[0].emit().c, off(), len(), loc), true);
  }
  ctx.error(node, Rules.typedArrayForm, `new ${kind}(length), new ${kind}([...]) or new ${kind}(buffer, byteOffset?, length?)`);
  return errorVal(node, type);
}

/** Methods of typed arrays and DataViews. */
export function typedMethodCall(ctx: Context, node: ts.CallExpression, obj: Val, name: string, args: Val[]): Val | undefined {
  const t = obj.type;
  const loc = ctx.locLit(node);
  if (t.t === "typed") {
    const ctype = `sts_${t.kind}`;
    const fn = `${ctype}_${name}`;
    const o = () => obj.emit().c;
    // relative index arguments default to 0 / length, as in JS
    const rel = (i: number, dflt: "0" | "len"): ((self: CExpr) => CExpr) => {
      const given = args[i] ? intArg(ctx, args[i], "an index") : undefined;
      return (self) => (given ? given() : dflt === "0" ? lit("0") : cast("int64_t", member(self, "length")));
    };
    switch (name) {
      case "subarray": case "slice":
        if (args.length > 2) break;
        return simpleVal(node, t, ctype, () => accessOnce(ctx, obj, (self) => call(fn, self, rel(0, "0")(self), rel(1, "len")(self))), true);
      case "fill": {
        if (args.length < 1 || args.length > 3) break;
        const value = storeConvert(ctx, args[0], elementType(t.kind));
        const fill = (self: CExpr) => call(fn, self, value(), rel(1, "0")(self), rel(2, "len")(self));
        return { ...simpleVal(node, t, ctype, () => accessOnce(ctx, obj, (self) => comma([fill(self), self])), true), emitDiscard: () => accessOnce(ctx, obj, fill) };
      }
      case "set": {
        if (args.length < 1 || args.length > 2) break;
        if (args[0].type.t !== "typed" || args[0].type.kind !== t.kind) {
          ctx.error(args[0].node, Rules.typedArrayForm, `set() copies from another ${t.kind}`);
          return errorVal(node);
        }
        const off = args[1] ? intArg(ctx, args[1], "an offset") : () => lit("0");
        return simpleVal(node, { t: "void" }, "void", () => call(fn, o(), args[0].emit().c, off(), loc), true);
      }
      case "copyWithin": {
        if (args.length < 2 || args.length > 3) break;
        const copy = (self: CExpr) => call(fn, self, rel(0, "0")(self), rel(1, "0")(self), rel(2, "len")(self));
        return { ...simpleVal(node, t, ctype, () => accessOnce(ctx, obj, (self) => comma([copy(self), self])), true), emitDiscard: () => accessOnce(ctx, obj, copy) };
      }
      default:
        ctx.error(node, Rules.typedArrayForm, `\`${name}\` is not one of the typed-array members STS supports (length, subarray, slice, fill, set, copyWithin)`);
        return errorVal(node);
    }
    ctx.error(node, Rules.typedArrayForm, `wrong number of arguments to ${name}`);
    return errorVal(node);
  }
  if (t.t === "dataview") {
    const m = /^(get|set)(Int8|Uint8|Int16|Uint16|Int32|Uint32|Float32|Float64|BigInt64|BigUint64)$/.exec(name);
    if (!m) {
      ctx.error(node, Rules.typedArrayForm, `DataView has no \`${name}\` in STS`);
      return errorVal(node);
    }
    const width = m[2];
    const kind = (width + "Array") as TypedArrayKind;
    const single = width === "Int8" || width === "Uint8";
    const nArgs = m[1] === "get" ? 1 : 2;
    if (args.length < nArgs || args.length > nArgs + (single ? 0 : 1)) {
      ctx.error(node, Rules.typedArrayForm, `${name}(byteOffset${m[1] === "set" ? ", value" : ""}${single ? "" : ", littleEndian?"})`);
      return errorVal(node);
    }
    const off = intArg(ctx, args[0], "a byte offset");
    const leArg = args[nArgs];
    if (leArg && leArg.type.t !== "bool") ctx.error(leArg.node, Rules.typedArrayForm, "littleEndian is a boolean");
    const le = (): CExpr[] => (single ? [] : [leArg ? leArg.emit().c : lit("0")]);
    const fn = `sts_dv_${name}`;
    if (m[1] === "get") {
      return elementVal(ctx, node, kind, () => accessOnce(ctx, obj, (self) => call(fn, self, off(), ...le(), loc)), true);
    }
    const value = storeConvert(ctx, args[1], elementType(kind));
    return simpleVal(node, { t: "void" }, "void", () => accessOnce(ctx, obj, (self) => call(fn, self, off(), value(), ...le(), loc)), true);
  }
  return undefined;
}

