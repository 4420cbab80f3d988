// A visited expression: its STS type, what stc knows of its value, and how to
// emit it as C in the representation the consumer asks for.
import type ts from "typescript";
import { type CExpr, cast, call, comma, assign, id } from "../c/ast.ts";
import { type NumInfo, type BigInfo, intCType, bigCType, bigWide, I32_MIN, I32_MAX } from "../numeric.ts";
import type { StsType, FuncInfo } from "../types.ts";

/**
 * Representations an expression can be emitted in:
 *  v    its natural C type (int32_t/uint32_t/int64_t by range, double, float, int64_t/uint64_t, ...)
 *  f64  a C double equal to the JS value (every number)
 *  int  an exact integer, sign of zero dropped (integer-valued numbers)
 *  m32  a uint32_t equal to ToUint32(value) (every number)
 *  s32  an int32_t equal to ToInt32(value) (every number)
 *  m64  a uint64_t equal to the bigint modulo 2^64 (every bigint, wide ones too)
 */
export type Mode = "v" | "f64" | "int" | "m32" | "s32" | "m64";

export interface CVal {
  c: CExpr;
  ctype: string;
}

export interface LValue {
  /** the storage type of the place */
  type: StsType;
  /** an lvalue C expression naming the place; call once per emission */
  place(): CExpr;
  /** the place can be named twice without re-evaluating anything with effects */
  simple: boolean;
  /** naming the place reads nothing that other code could change (a variable, `this.f`) */
  stable?: boolean;
  /** typed-array elements convert on store (wrap) instead of being range-checked */
  wrapsOnStore?: boolean;
  /** the C type of a pointer to the place, when not `ctype *` (typed-array elements may alias) */
  pointerType?: string;
}

export interface Val {
  node: ts.Node;
  type: StsType;
  num?: NumInfo;
  big?: BigInfo;
  /** evaluating it may change state (calls, assignments, allocation) */
  effects: boolean;
  /** its value cannot be changed by other code in the same expression */
  stable: boolean;
  constant?: number | bigint | string | boolean;
  emit(mode?: Mode): CVal;
  /** emission when the value is not used (expression statements) */
  emitDiscard?(): CExpr;
  lvalue?: LValue;
  /** for `a op b` on f32 operands: the same operation in float, for Math.fround to use */
  f32Op?: () => CExpr;
  /** stands for an expression that already has an error: checks of its uses stay quiet */
  poisoned?: boolean;
  /** the name of a top-level function, usable as a function value */
  fnRef?: FuncInfo;
}

export interface NumEmitters {
  f64: () => CExpr;
  /** the exact integer (int info only), of C type `intType` */
  int?: () => CExpr;
  /** the C type `int` produces, when not the C type of the range (or a narrower type promoting to it) */
  intType?: string;
  m32?: () => CExpr;
  f32?: () => CExpr;
}

/** Builds the emit function of a numeric value from the representations it can produce directly. */
export function numEmit(info: NumInfo, e: NumEmitters): (mode?: Mode) => CVal {
  const intC = (): CVal => {
    if (info.tag !== "int") throw new Error("int mode of a non-integer value");
    const ctype = intCType(info.lo, info.hi);
    if (!e.int) return { c: cast(ctype, e.f64()), ctype };
    return { c: e.intType ? castTo({ c: e.int(), ctype: e.intType }, ctype) : e.int(), ctype };
  };
  const m32 = (): CVal => {
    if (e.m32) return { c: e.m32(), ctype: "uint32_t" };
    if (info.tag === "int") return { c: castTo(intC(), "uint32_t"), ctype: "uint32_t" };
    return { c: call("sts_touint32", f64().c), ctype: "uint32_t" };
  };
  // an integer that is never -0 converts exactly; this also keeps C compilers
  // from rewriting `0.0 - (double)n` as `-(double)n` (gcc 12 does, giving -0)
  const f64 = (): CVal => (info.tag === "int" && !info.negz && e.int ? { c: castTo(intC(), "double"), ctype: "double" } : { c: e.f64(), ctype: "double" });
  return (mode: Mode = "v"): CVal => {
    switch (mode) {
      case "f64":
        return f64();
      case "int":
        return intC();
      case "m32":
        return m32();
      case "s32":
        if (info.tag === "int" && info.lo >= I32_MIN && info.hi <= I32_MAX) return { c: castTo(intC(), "int32_t"), ctype: "int32_t" };
        if (info.tag !== "int" && !e.m32) return { c: call("sts_toint32", f64().c), ctype: "int32_t" };
        return { c: cast("int32_t", m32().c), ctype: "int32_t" };
      case "v":
        if (info.tag === "int" && !info.negz) return intC();
        if (info.tag === "f32" && e.f32) return { c: e.f32(), ctype: "float" };
        return f64();
      case "m64":
        throw new Error("m64 mode of a number");
    }
  };
}

export function bigEmit(info: BigInfo, natural: () => CExpr, m64?: () => CExpr): (mode?: Mode) => CVal {
  return (mode: Mode = "v"): CVal => {
    if (mode === "m64") return { c: m64 ? m64() : cast("uint64_t", natural()), ctype: "uint64_t" };
    // a wide bigint has been reported already; emit something well-formed
    if (bigWide(info)) return { c: m64 ? m64() : natural(), ctype: "uint64_t" };
    return { c: natural(), ctype: bigCType(info) };
  };
}

const promotesToInt = new Set(["int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "bool"]);

/** Converts a C value to `ctype`, without a cast where C's own promotion gives the same. */
export function castTo(v: CVal, ctype: string): CExpr {
  if (v.ctype === ctype) return v.c;
  if (ctype === "int32_t" && promotesToInt.has(v.ctype)) return v.c;
  if (v.c.k === "lit" && /^-?\d+$/.test(v.c.text) && (ctype === "int64_t" || ctype === "double" || ctype === "uint32_t")) {
    if (ctype === "double") return { k: "lit", text: v.c.text + ".0" };
    if (ctype === "uint32_t" && !v.c.text.startsWith("-")) return { k: "lit", text: v.c.text + "u" };
    if (ctype === "int64_t") return { k: "lit", text: `INT64_C(${v.c.text})` };
  }
  return cast(ctype, v.c);
}

/** Allocates temporaries in the function being compiled. */
export interface TempSink {
  temp(ctype: string): string;
}

/**
 * Emits operands in JavaScript's left-to-right order. C leaves the order of
 * operands unspecified, so when one operand has effects, every earlier
 * operand that could observe them is first saved in a temporary (a comma
 * expression keeps this inside the enclosing expression).
 */
export function emitInOrder(
  sink: TempSink,
  operands: { val: Val; mode?: Mode; all?: boolean }[],
  build: (cs: CVal[]) => CExpr,
  forceAll = false,
): CExpr {
  const anyEffects = operands.some((o) => o.val.effects);
  const unstable = operands.map((o, i) => (!o.val.stable ? i : -1)).filter((i) => i >= 0);
  const lastUnstable = unstable.length ? unstable[unstable.length - 1] : -1;
  const pre: CExpr[] = [];
  const cs = operands.map((o, i) => {
    const cv = o.val.emit(o.mode ?? "v");
    if (anyEffects && !o.val.stable && (i !== lastUnstable || forceAll) && cv.ctype !== "void") {
      const t = sink.temp(cv.ctype);
      pre.push(assign(id(t), cv.c));
      return { c: id(t), ctype: cv.ctype };
    }
    return cv;
  });
  return comma([...pre, build(cs)]);
}
