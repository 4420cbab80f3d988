// Assignment, compound assignment and ++/--.
//
// Integer places are range-checked when += -= ++ -- could leave their type
// (a program error, checked in C debug builds); typed-array elements instead
// convert on store exactly as JavaScript does (Uint8Array wraps modulo 256).
import ts from "typescript";
import { type CExpr, assign, call, cast, comma, id, lit, unary } from "../../c/ast.ts";
import { storageRange, storageCType, intLiteral, type NumInfo } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context } from "../context.ts";
import { visitExpr, errorVal, storedVal, numConst, bigConst } from "../expressions.ts";
import { type Val, type LValue, castTo } from "../value.ts";
import { convert } from "../convert.ts";
import { binaryOperation } from "./binary.ts";
import { storeConvert } from "./typed-arrays.ts";

const K = ts.SyntaxKind;
const compoundOps = new Map<ts.SyntaxKind, string>([
  [K.PlusEqualsToken, "+"], [K.MinusEqualsToken, "-"], [K.AsteriskEqualsToken, "*"], [K.SlashEqualsToken, "/"],
  [K.PercentEqualsToken, "%"], [K.AmpersandEqualsToken, "&"], [K.BarEqualsToken, "|"], [K.CaretEqualsToken, "^"],
  [K.LessThanLessThanEqualsToken, "<<"], [K.GreaterThanGreaterThanEqualsToken, ">>"],
  [K.GreaterThanGreaterThanGreaterThanEqualsToken, ">>>"],
]);

/** Names a place once: simple places directly, others through a pointer temporary. */
function placeAccess(ctx: Context, lv: LValue, needStable = false): { setup: CExpr[]; ref: () => CExpr } {
  if (lv.simple && (!needStable || lv.stable)) return { setup: [], ref: () => lv.place() };
  const p = ctx.scope.temp(lv.pointerType ?? `${ctx.cType(lv.type)} *`.replace("* *", "**"));
  return { setup: [assign(id(p), unary("&", lv.place()))], ref: () => unary("*", id(p)) };
}

function lvalueOf(ctx: Context, target: Val): LValue | undefined {
  if (!target.lvalue) {
    ctx.error(target.node, Rules.unsupportedSyntax, "this is not something that can be assigned");
    return undefined;
  }
  return target.lvalue;
}

export function visitAssignment(ctx: Context, node: ts.BinaryExpression): Val {
  const opKind = node.operatorToken.kind;
  if (ts.isArrayLiteralExpression(node.left) || ts.isObjectLiteralExpression(node.left)) {
    ctx.error(node.left, Rules.unsupportedSyntax, "destructuring assignment is not in STS");
    return errorVal(node);
  }
  const target = visitExpr(ctx, node.left);
  const lv = lvalueOf(ctx, target);
  if (!lv) return errorVal(node);
  if (opKind === K.EqualsToken) {
    const rhs = visitExpr(ctx, node.right, lv.type);
    const store = lv.wrapsOnStore ? storeConvert(ctx, rhs, lv.type) : convert(ctx, rhs, lv.type, "assignment");
    // JS names the place first, then evaluates the right side, then stores;
    // C leaves that order open, so effects on the right go through temporaries
    const rhsIsCall = ts.isCallExpression(rhs.node) || ts.isNewExpression(rhs.node);
    const emit = (): CExpr => {
      if (!rhs.effects || (lv.simple && lv.stable && rhsIsCall)) return assign(lv.place(), store());
      const { setup, ref } = placeAccess(ctx, lv, true);
      const value = store();
      const t = ctx.scope.temp(ctx.cType(lv.type));
      return comma([...setup, assign(id(t), value), assign(ref(), id(t))]);
    };
    const v = storedVal(ctx, node, lv.type, emit, false, true);
    v.emitDiscard = emit;
    if (lv.wrapsOnStore) v.emit = () => { ctx.error(node, Rules.typedArrayForm, "use a typed-array store as a statement, not as a value"); return { c: lit("0"), ctype: "int" }; };
    return v;
  }
  const op = compoundOps.get(opKind);
  if (!op) {
    ctx.error(node.operatorToken, Rules.operatorUnsupported, `\`${node.operatorToken.getText()}\` is not in STS`);
    return errorVal(node);
  }
  const rhs = visitExpr(ctx, node.right);
  return compound(ctx, node, lv, op, rhs, "prefix");
}

export function visitUpdate(ctx: Context, node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression, prefix: boolean): Val {
  const target = visitExpr(ctx, node.operand);
  const lv = lvalueOf(ctx, target);
  if (!lv) return errorVal(node);
  const op = node.operator === K.PlusPlusToken ? "+" : "-";
  const one = lv.type.t === "big" ? bigConst(node, 1n) : numConst(node, 1);
  return compound(ctx, node, lv, op, one, prefix ? "prefix" : "postfix");
}

/** `place op= rhs`, `++place`, `place++`: the value is the new one (prefix) or the old one (postfix). */
function compound(ctx: Context, node: ts.Node, lv: LValue, op: string, rhs: Val, form: "prefix" | "postfix"): Val {
  const t = lv.type;
  let access = { setup: [] as CExpr[], ref: (): CExpr => lv.place() };
  const current = storedVal(ctx, node, t, () => access.ref(), false);
  const result = binaryOperation(ctx, node, op, current, rhs);

  let store: () => CExpr;
  if (lv.wrapsOnStore) {
    store = storeConvert(ctx, result, t);
  } else if (t.t === "num" && t.k !== "f64") {
    if (t.k === "f32") {
      ctx.error(node, Rules.compoundAssign, "an f32 is updated as `x = Math.fround(x + y)`");
      return errorVal(node);
    }
    if (!["+", "-", "&", "|", "^", "<<", ">>", ">>>"].includes(op)) {
      ctx.error(node, Rules.compoundAssign, `\`${op}=\` is not allowed on an ${t.k}: write \`x = ...\` with an explicit wrap`);
      return errorVal(node);
    }
    const info = result.num as NumInfo;
    if ((op === "+" || op === "-") && info?.tag === "int") {
      const [lo, hi] = storageRange[t.k];
      // leaving the type is a program error; C debug builds check it
      store = () => cast(storageCType[t.k], call("sts_check_int_range", castTo(result.emit("int"), "int64_t"), lit(intLiteral(lo)), lit(intLiteral(hi)), ctx.locLit(node)));
    } else store = convert(ctx, result, t, "compound assignment");
  } else if (t.t === "str" && op === "+") {
    store = () => result.emit().c;
  } else {
    store = convert(ctx, result, t, "compound assignment");
  }

  const emitAll = (wantOld: boolean): CExpr => {
    access = placeAccess(ctx, lv, rhs.effects);
    const setup = access.setup;
    if (!wantOld) return comma([...setup, assign(access.ref(), store())]);
    const old = ctx.scope.temp(ctx.cType(t));
    return comma([...setup, assign(id(old), access.ref()), assign(access.ref(), store()), id(old)]);
  };
  const v = storedVal(ctx, node, t, () => emitAll(form === "postfix"), false, true);
  if (lv.wrapsOnStore && form === "prefix") {
    v.emit = () => { ctx.error(node, Rules.typedArrayForm, "use a typed-array update as a statement, not as a value"); return { c: lit("0"), ctype: "int" }; };
  }
  v.emitDiscard = () => emitAll(false);
  return v;
}
