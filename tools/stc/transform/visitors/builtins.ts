// The globals STS defines: Math, Number, BigInt, console.log.
import ts from "typescript";
import { type CExpr, call, cast, lit, binary, comma, assign, id, compound } from "../../c/ast.ts";
import { type NumInfo, F32, F64, intRange, intCType, I32_INFO, bigFitsI64, bigWide } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { numConst, numVal, bigVal, boolVal, voidVal, errorVal, isNum, isBig, requireNotWide, bigConst } from "../expressions.ts";
import { type Val, type CVal, emitInOrder, castTo } from "../value.ts";
import { typeName } from "../../types.ts";

const mathConstants: Record<string, number> = {
  PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E, SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2,
};
const numberConstants: Record<string, number> = {
  MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER, MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER, EPSILON: Number.EPSILON,
  MAX_VALUE: Number.MAX_VALUE, MIN_VALUE: Number.MIN_VALUE, POSITIVE_INFINITY: Infinity, NEGATIVE_INFINITY: -Infinity, NaN: NaN,
};

function isGlobal(ctx: Context, node: ts.Node): boolean {
  const s = ctx.checker.getSymbolAtLocation(node);
  const d = s?.declarations?.[0];
  return !!d && d.getSourceFile().isDeclarationFile;
}

export function builtinConstant(ctx: Context, obj: string, name: string, node: ts.PropertyAccessExpression): Val | undefined {
  if (!isGlobal(ctx, node.expression)) return undefined;
  if (obj === "Math" && name in mathConstants) return numConst(node, mathConstants[name]);
  if (obj === "Number" && name in numberConstants) return numConst(node, numberConstants[name]);
  return undefined;
}

/** Calls of built-ins: returns undefined when `node` is not one. */
export function builtinCall(ctx: Context, node: ts.CallExpression, args: Val[]): Val | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) {
    if (!isGlobal(ctx, callee)) return undefined;
    if (callee.text === "BigInt") return bigIntOf(ctx, node, args);
    if (callee.text === "Number") return numberOf(ctx, node, args);
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || !isGlobal(ctx, callee.expression)) return undefined;
  const obj = callee.expression.text;
  const name = callee.name.text;
  if (obj === "console" && name === "log") return consoleLog(ctx, node, args);
  if (obj === "Math") return mathCall(ctx, node, name, args);
  if (obj === "Number" && ["isNaN", "isFinite", "isInteger", "isSafeInteger"].includes(name)) return numberPredicate(ctx, node, name, args);
  if (obj === "BigInt" && (name === "asIntN" || name === "asUintN")) return bigIntAsN(ctx, node, name, args);
  ctx.error(node, obj === "Math" ? Rules.mathUnsupported : Rules.unknownGlobal, `${obj}.${name} is not in STS`);
  return errorVal(node);
}

function arity(ctx: Context, node: ts.Node, args: Val[], n: number, what: string): boolean {
  if (args.length !== n) {
    ctx.error(node, Rules.unsupportedSyntax, `${what} takes ${n} argument${n === 1 ? "" : "s"}`);
    return false;
  }
  return true;
}

function consoleLog(ctx: Context, node: ts.Node, args: Val[]): Val {
  // each argument: how it is printed alone, and how it is passed to the formatter
  const kinds = args.map((a): { mode: "int" | "f64" | "v"; print: (c: CVal) => CExpr; arg: (c: CVal) => CExpr } => {
    if (a.poisoned) return { mode: "v", print: () => lit("0"), arg: () => lit("0") };
    if (isNum(a)) {
      if (a.num.tag === "int" && !a.num.negz) return { mode: "int", print: (c) => call("sts_log_i64", castTo(c, "int64_t")), arg: (c) => call("sts_la_int", castTo(c, "int64_t")) };
      return { mode: "f64", print: (c) => call("sts_log_f64", castTo(c, "double")), arg: (c) => call("sts_la_f64", castTo(c, "double")) };
    }
    if (isBig(a)) {
      requireNotWide(ctx, a, "console.log");
      return bigFitsI64(a.big)
        ? { mode: "v", print: (c) => call("sts_log_bigint_i64", castTo(c, "int64_t")), arg: (c) => call("sts_la_big_i64", castTo(c, "int64_t")) }
        : { mode: "v", print: (c) => call("sts_log_bigint_u64", castTo(c, "uint64_t")), arg: (c) => call("sts_la_big_u64", castTo(c, "uint64_t")) };
    }
    if (a.type.t === "str") return { mode: "v", print: (c) => call("sts_log_str", call("sts_str_or_null", c.c)), arg: (c) => call("sts_la_str", call("sts_str_or_null", c.c)) };
    if (a.type.t === "bool") return { mode: "v", print: (c) => call("sts_log_bool", c.c), arg: (c) => call("sts_la_bool", c.c) };
    if (a.type.t === "null") return { mode: "v", print: () => call("sts_log_str", call("STS_STR", lit('"null"'))), arg: () => call("sts_la_str", call("STS_STR", lit('"null"'))) };
    ctx.error(a.node, Rules.consoleLog, `console.log prints numbers, bigints, strings and booleans, not a ${typeName(a.type)}`);
    return { mode: "v", print: () => lit("0"), arg: () => lit("0") };
  });
  // Node formats a first string argument (%s, %d, ...) when more arguments follow
  const first = args[0];
  const formats = args.length > 1 && first.type.t === "str" && (typeof first.constant !== "string" || first.constant.includes("%"));
  // Node evaluates every argument before it prints anything
  return voidVal(node, () =>
    emitInOrder(ctx.scope, args.map((val, i) => ({ val, mode: kinds[i].mode })), (cs) => {
      if (formats) {
        const rest = cs.slice(1).map((c, i) => kinds[i + 1].arg(c));
        return call("sts_log_format", call("sts_str_or_null", cs[0].c), compound("sts_logarg[]", rest), lit(String(rest.length)));
      }
      const parts: CExpr[] = [];
      cs.forEach((c, i) => {
        if (i > 0) parts.push(call("sts_log_sep"));
        parts.push(kinds[i].print(c));
      });
      parts.push(call("sts_log_end"));
      return comma(parts);
    }, true),
  );
}

type NumV = Val & { num: NumInfo };

function mathCall(ctx: Context, node: ts.CallExpression, name: string, args: Val[]): Val {
  const numArgs = args.every(isNum);
  if (!numArgs) {
    ctx.error(node, Rules.mathUnsupported, `Math.${name} takes numbers`);
    return errorVal(node);
  }
  const nargs = args as NumV[];
  const allConst = nargs.every((a) => typeof a.constant === "number");
  const fold = (f: (...xs: number[]) => number): Val | undefined => (allConst ? numConst(node, f(...nargs.map((a) => a.constant as number))) : undefined);
  const one = (): NumV | undefined => (arity(ctx, node, args, 1, `Math.${name}`) ? nargs[0] : undefined);
  const f64Call = (fn: string, a: NumV): Val => numVal(node, F64, { f64: () => call(fn, a.emit("f64").c) }, a.effects);
  switch (name) {
    case "abs": case "floor": case "ceil": case "trunc": case "round": case "sign": case "sqrt": case "fround": case "clz32": {
      const a = one();
      if (!a) return errorVal(node);
      const folded = fold((Math as unknown as Record<string, (x: number) => number>)[name]);
      if (folded) return folded;
      const A = a.num;
      if (name === "fround") {
        if (A.tag === "f32") return a;
        const op = a.f32Op;
        return numVal(node, F32, { f32: op ?? (() => cast("float", a.emit("f64").c)), f64: () => cast("double", op ? op() : cast("float", a.emit("f64").c)) }, a.effects);
      }
      if (name === "clz32") {
        const c = () => call("sts_clz32", a.emit("m32").c);
        return numVal(node, intRange(0, 32), { int: c, f64: () => cast("double", c()) }, a.effects);
      }
      if (name === "sqrt") return f64Call("sqrt", a);
      if (A.tag === "int") {
        if (name === "abs") {
          const info = intRange(0, Math.max(Math.abs(A.lo), Math.abs(A.hi)));
          const ctype = intCType((info as { lo: number }).lo, (info as { hi: number }).hi);
          return numVal(node, info, {
            int: () => castTo({ c: call("sts_abs_i64", castTo(a.emit("int"), "int64_t")), ctype: "int64_t" }, ctype),
            f64: () => call("fabs", a.emit("f64").c),
          }, a.effects);
        }
        if (name === "sign") {
          const int = () => { const t = ctx.scope.temp("int64_t"); return comma([assign(id(t), castTo(a.emit("int"), "int64_t")), binary("-", binary(">", id(t), lit("0")), binary("<", id(t), lit("0")))]); };
          return numVal(node, { tag: "int", lo: Math.sign(A.lo), hi: Math.sign(A.hi), negz: A.negz }, { int, f64: () => call("sts_sign", a.emit("f64").c) }, a.effects);
        }
        return a; // floor/ceil/trunc/round of an integer is itself (-0 included)
      }
      const fn = { abs: "fabs", floor: "floor", ceil: "ceil", trunc: "trunc", round: "sts_round", sign: "sts_sign" }[name as "abs"];
      return f64Call(fn, a);
    }
    case "imul": {
      if (!arity(ctx, node, args, 2, "Math.imul")) return errorVal(node);
      const folded = fold(Math.imul);
      if (folded) return folded;
      const int = () => emitInOrder(ctx.scope, [{ val: nargs[0], mode: "m32" }, { val: nargs[1], mode: "m32" }], ([x, y]) => cast("int32_t", binary("*", x.c, y.c)));
      return numVal(node, I32_INFO, { int, f64: () => cast("double", int()) }, nargs[0].effects || nargs[1].effects);
    }
    case "min": case "max": {
      if (args.length < 1) {
        ctx.error(node, Rules.mathUnsupported, `Math.${name}() needs at least one argument`);
        return errorVal(node);
      }
      const folded = fold(name === "min" ? Math.min : Math.max);
      if (folded) return folded;
      const effects = args.some((a) => a.effects);
      if (nargs.every((a) => a.num.tag === "int" && !a.num.negz)) {
        const infos = nargs.map((a) => a.num as Extract<NumInfo, { tag: "int" }>);
        const info = name === "min"
          ? intRange(Math.min(...infos.map((i) => i.lo)), Math.min(...infos.map((i) => i.hi)))
          : intRange(Math.max(...infos.map((i) => i.lo)), Math.max(...infos.map((i) => i.hi)));
        const r = info as Extract<NumInfo, { tag: "int" }>;
        const int = () => emitInOrder(ctx.scope, nargs.map((val) => ({ val, mode: "int" as const })), (cs) =>
          castTo({ c: cs.slice(1).reduce((acc, c) => call(`sts_${name}_i64`, acc, castTo(c, "int64_t")), castTo(cs[0], "int64_t")), ctype: "int64_t" }, intCType(r.lo, r.hi)));
        return numVal(node, info, { int, f64: () => cast("double", int()) }, effects);
      }
      const f64 = () => emitInOrder(ctx.scope, nargs.map((val) => ({ val, mode: "f64" as const })), (cs) =>
        cs.slice(1).reduce((acc, c) => call(`sts_${name}`, acc, c.c), cs[0].c));
      return numVal(node, F64, { f64 }, effects);
    }
  }
  ctx.error(node, Rules.mathUnsupported, `Math.${name} is not in STS: its last bit can differ between V8 and the C library`);
  return errorVal(node);
}

function numberPredicate(ctx: Context, node: ts.Node, name: string, args: Val[]): Val {
  if (!arity(ctx, node, args, 1, `Number.${name}`)) return errorVal(node, { t: "bool" });
  const a = args[0];
  if (!isNum(a)) {
    ctx.error(node, Rules.unsupportedType, `Number.${name} takes a number`);
    return errorVal(node, { t: "bool" });
  }
  if (a.num.tag === "int" && !a.effects) {
    const r = name === "isNaN" ? false : name === "isSafeInteger" ? a.num.lo >= -(2 ** 53 - 1) && a.num.hi <= 2 ** 53 - 1 : true;
    return boolVal(node, () => lit(String(r)), false, r);
  }
  const fn = { isNaN: "isnan", isFinite: "isfinite", isInteger: "sts_is_integer", isSafeInteger: "sts_is_safe_integer" }[name as "isNaN"];
  return boolVal(node, () => binary("!=", call(fn, a.emit("f64").c), lit("0")), a.effects);
}

function bigIntOf(ctx: Context, node: ts.Node, args: Val[]): Val {
  if (!arity(ctx, node, args, 1, "BigInt")) return errorVal(node, { t: "big", k: "i64" });
  const a = args[0];
  if (!isNum(a) || a.num.tag !== "int") {
    ctx.error(a.node, Rules.bigintConvert, "BigInt(x) takes an integer-typed number (a double may not be an integer: JS throws)");
    return errorVal(node, { t: "big", k: "i64" });
  }
  if (typeof a.constant === "number") return bigConst(node, BigInt(a.constant));
  const info = { lo: BigInt(a.num.lo), hi: BigInt(a.num.hi) };
  return bigVal(node, info, () => castTo(a.emit("int"), "int64_t"), undefined, a.effects);
}

function numberOf(ctx: Context, node: ts.Node, args: Val[]): Val {
  if (!arity(ctx, node, args, 1, "Number")) return errorVal(node);
  const a = args[0];
  if (!isBig(a)) {
    ctx.error(a.node, Rules.bigintConvert, "Number(x) converts an i64/u64; other conversions are not in STS");
    return errorVal(node);
  }
  if (!requireNotWide(ctx, a, "Number(x)")) return errorVal(node);
  if (typeof a.constant === "bigint") return numConst(node, Number(a.constant));
  const B = a.big;
  const exact = B.lo >= -(2n ** 53n) && B.hi <= 2n ** 53n;
  const f64 = () => call(bigFitsI64(B) ? "sts_i64_to_f64" : "sts_u64_to_f64", a.emit("v").c);
  if (exact) {
    const info = intRange(Number(B.lo), Number(B.hi));
    return numVal(node, info, { int: () => castTo(a.emit("v"), intCType(Number(B.lo), Number(B.hi))), f64 }, a.effects);
  }
  return numVal(node, F64, { f64 }, a.effects);
}

function bigIntAsN(ctx: Context, node: ts.Node, name: string, args: Val[]): Val {
  if (!arity(ctx, node, args, 2, `BigInt.${name}`)) return errorVal(node, { t: "big", k: "i64" });
  const [nArg, x] = args;
  if (typeof nArg.constant !== "number" || nArg.constant < 0 || nArg.constant > 64 || !Number.isInteger(nArg.constant)) {
    ctx.error(nArg.node, Rules.bigintWrap, `BigInt.${name} takes a constant width from 0 to 64`);
    return errorVal(node, { t: "big", k: "i64" });
  }
  if (!isBig(x)) {
    ctx.error(x.node, Rules.bigintConvert, `BigInt.${name} wraps a bigint`);
    return errorVal(node, { t: "big", k: "i64" });
  }
  const n = nArg.constant;
  const signed = name === "asIntN";
  if (typeof x.constant === "bigint") return bigConst(node, signed ? BigInt.asIntN(n, x.constant) : BigInt.asUintN(n, x.constant));
  const info = signed
    ? { lo: n === 0 ? 0n : -(2n ** BigInt(n - 1)), hi: n === 0 ? 0n : 2n ** BigInt(n - 1) - 1n }
    : { lo: 0n, hi: 2n ** BigInt(n) - 1n };
  // already in range: nothing to do
  if (!bigWide(x.big) && x.big.lo >= info.lo && x.big.hi <= info.hi) return x;
  const m64 = () => x.emit("m64").c;
  if (n === 64) {
    return bigVal(node, info, () => (signed ? cast("int64_t", m64()) : m64()), m64, x.effects);
  }
  return bigVal(node, info, () => call(signed ? "sts_asintn" : "sts_asuintn", m64(), lit(String(n))), undefined, x.effects);
}

