import ts from "typescript";
// Storing a value into a typed place (variable, parameter, field, element,
// return value): the checks that keep JS and C equal, and the C conversion.
import { type CExpr, cast, comma, lit } from "../c/ast.ts";
import { storageRange, storageCType, bigFitsI64, bigFitsU64, bigWide, type IntStorage } from "../numeric.ts";
import { Rules } from "../rules.ts";
import type { Context } from "./context.ts";
import { type Val, castTo } from "./value.ts";
import { type StsType, sameType, typeName, isNullable, nonNull } from "../types.ts";

const wrapHint: Record<IntStorage, string> = {
  i32: "`(expr) | 0`",
  u32: "`(expr) >>> 0`",
  u8: "`(expr) & 0xff`",
  u16: "`(expr) & 0xffff`",
  i8: "`((expr) << 24) >> 24`",
  i16: "`((expr) << 16) >> 16`",
};

/**
 * Checks now that `v` may be stored in a place of type `target`; the returned
 * function emits it in the target's C type (emission may allocate temporaries,
 * so it runs only when the C is really built).
 */
export function convert(ctx: Context, v: Val, target: StsType, what: string): () => CExpr {
  const r = check(ctx, v, target, what);
  return typeof r === "function" ? r : () => r;
}

function check(ctx: Context, v: Val, target: StsType, what: string): CExpr | (() => CExpr) {
  const t = target;
  if (v.poisoned) return lit("0");
  if (v.type.t === "null") {
    if (!isNullable(t) && t.t !== "null") {
      ctx.error(v.node, Rules.nullable, `${what}: a ${typeName(t)} cannot be null; declare it \`${typeName(t)} | null\``);
    }
    // a call typed `null` still runs: evaluate it, then yield the null of the target type
    if (v.effects) return () => comma([cast("void", v.emit("v").c), ctx.nullValue(t)]);
    return () => ctx.nullValue(t);
  }
  switch (t.t) {
    case "num": {
      if (!v.num || v.type.t !== "num") break;
      if (t.k === "f64") return () => v.emit("f64").c;
      if (t.k === "f32") {
        if (v.num.tag === "f32") return () => castTo(v.emit("v"), "float");
        if (typeof v.constant === "number" && (Math.fround(v.constant) === v.constant || Number.isNaN(v.constant))) {
          return () => cast("float", v.emit("f64").c);
        }
        if (v.num.tag === "int" && !v.num.negz && v.num.lo >= -(2 ** 24) && v.num.hi <= 2 ** 24) return () => cast("float", v.emit("int").c);
        if (typeof v.constant === "number" && isLiteral(v.node)) {
          ctx.error(v.node, Rules.literalRange, `${what}: ${v.constant} is not exactly an f32; write Math.fround(${v.constant})`);
        } else ctx.error(v.node, Rules.f32Round, `${what}: an f32 holds only rounded values; write Math.fround(...)`);
        return lit("0");
      }
      const [lo, hi] = storageRange[t.k];
      if (v.num.tag !== "int") {
        if (typeof v.constant === "number" && isLiteral(v.node)) ctx.error(v.node, Rules.literalRange, `${what}: ${v.constant} is not an ${t.k}`);
        else ctx.error(v.node, Rules.floatToInt, `${what}: a double does not become an ${t.k} implicitly; coerce with ${wrapHint[t.k]}`);
        return lit("0");
      }
      if (v.num.lo < lo || v.num.hi > hi) {
        if (typeof v.constant === "number" && isLiteral(v.node)) ctx.error(v.node, Rules.literalRange, `${what}: ${v.constant} does not fit ${t.k} [${lo}, ${hi}]`);
        else {
          ctx.error(v.node, Rules.intRange,
            `${what}: this value ranges over [${v.num.lo}, ${v.num.hi}], which does not fit ${t.k} [${lo}, ${hi}]; wrap it: ${wrapHint[t.k]}`);
        }
        return lit("0");
      }
      if (v.num.negz) {
        ctx.error(v.node, Rules.intRange, `${what}: this value can be -0 in JavaScript; wrap it: ${wrapHint[t.k]}`);
        return lit("0");
      }
      const k = t.k;
      return () => castTo(v.emit("int"), storageCType[k]);
    }
    case "big": {
      if (!v.big || v.type.t !== "big") break;
      if (bigWide(v.big) && typeof v.constant === "bigint" && isLiteral(v.node)) {
        ctx.error(v.node, Rules.literalRange, `${what}: ${v.constant}n does not fit ${t.k}`);
        return lit("0");
      }
      if (bigWide(v.big)) {
        ctx.error(v.node, Rules.bigintWrap, `${what}: this bigint can leave the 64-bit range; wrap it with BigInt.as${t.k === "i64" ? "Int" : "Uint"}N(64, ...)`);
        return lit("0");
      }
      const ok = t.k === "i64" ? bigFitsI64(v.big) : bigFitsU64(v.big);
      if (!ok && typeof v.constant === "bigint" && isLiteral(v.node)) {
        ctx.error(v.node, Rules.literalRange, `${what}: ${v.constant}n does not fit ${t.k}`);
        return lit("0");
      }
      if (!ok) {
        ctx.error(v.node, Rules.bigintMix, `${what}: this value is not always a ${t.k}; convert it with BigInt.as${t.k === "i64" ? "Int" : "Uint"}N(64, ...)`);
        return lit("0");
      }
      const ctype = t.k === "i64" ? "int64_t" : "uint64_t";
      return () => castTo(v.emit("v"), ctype);
    }
    case "bool":
      if (v.type.t === "bool") return () => v.emit().c;
      break;
    case "struct":
      if (v.type.t === "class") {
        ctx.error(v.node, Rules.classToInterface, `${what}: a ${typeName(v.type)} instance is not a ${t.info.name}; interfaces are made by object literals`);
        return lit("0");
      }
    // fallthrough
    default:
      if (sameType(nonNull(v.type), nonNull(t), true)) return () => v.emit().c;
  }
  if ((v.type.t === "big" && t.t === "num") || (v.type.t === "num" && t.t === "big")) {
    ctx.error(v.node, Rules.bigintConvert, `${what}: bigint and number do not mix: convert with BigInt(x) or Number(x)`);
  } else {
    ctx.error(v.node, Rules.unsupportedType, `${what}: a ${typeName(v.type)} cannot be used as a ${typeName(t)}`);
  }
  return lit("0");
}

/** A literal as written (`300`, `-1`, `0.1`, `5n`): out-of-range values there are literal-range errors. */
function isLiteral(node: ts.Node): boolean {
  while (ts.isParenthesizedExpression(node) || (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken))) {
    node = ts.isParenthesizedExpression(node) ? node.expression : node.operand;
  }
  return ts.isNumericLiteral(node) || ts.isBigIntLiteral(node);
}
