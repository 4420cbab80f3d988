// let/const declarations, local and top-level.
//
// An annotated declaration has the annotated type. An unannotated `const`
// keeps everything known of its initializer (its exact range, its value if
// constant); an unannotated `let` widens: integers within i32 become i32,
// within u32 become u32, other numbers f64.
import ts from "typescript";
import { type CStmt, type CExpr, id, assign, lit, exprStmt } from "../../c/ast.ts";
import { type NumInfo, intCType, I32_MIN, I32_MAX, U32_MAX, bigWide, bigFitsI64 } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context, VarInfo } from "../context.ts";
import { visitExpr, isNum, isBig } from "../expressions.ts";
import type { Val } from "../value.ts";
import { convert } from "../convert.ts";
import type { StsType } from "../../types.ts";

/** The zero value of a C type, for declarations without an initializer. */
export function zeroValue(ctx: Context, t: StsType): CExpr {
  if (t.t === "num" || t.t === "big") return lit("0");
  if (t.t === "bool") return lit("false");
  return ctx.nullValue(t);
}

interface Planned {
  info: VarInfo;
  init?: Val;
  ctype: string;
  /** emits the initial value in the variable's C type */
  initC?: () => CExpr;
}

function plan(ctx: Context, decl: ts.VariableDeclaration, isConst: boolean, cname: string): Planned | undefined {
  let type: StsType | undefined;
  if (decl.type) type = ctx.typeFromNode(decl.type);
  if (decl.type && !type) return undefined;
  const init = decl.initializer ? visitExpr(ctx, decl.initializer, type) : undefined;
  const stable = isConst;
  if (type) {
    const info: VarInfo = { cname, type, stable };
    // a const with a constant value is that value, whatever its annotation
    const integerOrOther = type.t !== "num" || (type.k !== "f64" && type.k !== "f32");
    if (isConst && init && init.constant !== undefined && integerOrOther && ["num", "big", "bool", "str"].includes(type.t)) {
      convert(ctx, init, type, `\`${decl.name.getText()}\``);
      return { info: { ...info, constant: init.constant }, ctype: "" };
    }
    return { info, init, ctype: ctx.cType(type), initC: init ? convert(ctx, init, type, `\`${decl.name.getText()}\``) : undefined };
  }
  if (!init) {
    ctx.error(decl, Rules.numberAnnotation, `\`${decl.name.getText()}\` needs a type annotation or an initializer`);
    return undefined;
  }
  if (isNum(init)) {
    const n: NumInfo = init.num;
    if (isConst) {
      if (typeof init.constant === "number") return { info: { cname, type: { t: "num", k: "f64" }, stable, num: n, constant: init.constant }, ctype: "" };
      if (n.tag === "int" && !n.negz) {
        const ctype = intCType(n.lo, n.hi);
        return { info: { cname, type: { t: "num", k: "f64" }, stable, num: n }, init, ctype, initC: () => init.emit("int").c };
      }
      if (n.tag === "f32") return { info: { cname, type: { t: "num", k: "f32" }, stable, num: n }, init, ctype: "float", initC: () => init.emit("v").c };
      return { info: { cname, type: { t: "num", k: "f64" }, stable, num: { tag: "f64" } }, init, ctype: "double", initC: () => init.emit("f64").c };
    }
    let wide: StsType = { t: "num", k: "f64" };
    if (writtenAsDouble(decl.initializer!)) wide = { t: "num", k: "f64" };
    else if (n.tag === "int" && !n.negz && n.lo >= I32_MIN && n.hi <= I32_MAX) wide = { t: "num", k: "i32" };
    else if (n.tag === "int" && !n.negz && n.lo >= 0 && n.hi <= U32_MAX) wide = { t: "num", k: "u32" };
    else if (n.tag === "int") {
      // an integer that may leave i32 (or be -0): say so here, not at a later use of a surprising double
      ctx.error(init.node, Rules.intRange,
        `\`${decl.name.getText()}\` would be an integer, but its initializer ranges over [${n.lo}, ${n.hi}]${n.negz ? " and can be -0" : ""}: wrap it (\`(...) | 0\`) or declare the type (\`let ${decl.name.getText()}: f64 = ...\`)`);
      const i32: StsType = { t: "num", k: "i32" };
      return { info: { cname, type: i32, stable }, init, ctype: "int32_t", initC: () => lit("0") }; // uses stay quiet
    } else if (n.tag === "f32") wide = { t: "num", k: "f32" };
    return { info: { cname, type: wide, stable }, init, ctype: ctx.cType(wide), initC: convert(ctx, init, wide, `\`${decl.name.getText()}\``) };
  }
  if (isBig(init)) {
    if (bigWide(init.big)) {
      ctx.error(init.node, Rules.bigintWrap, "this bigint can leave the 64-bit range; wrap it with BigInt.asIntN(64, ...) or BigInt.asUintN(64, ...)");
      return undefined;
    }
    if (isConst && typeof init.constant === "bigint") return { info: { cname, type: init.type, stable, constant: init.constant, big: init.big }, ctype: "" };
    const t: StsType = { t: "big", k: bigFitsI64(init.big) ? "i64" : "u64" };
    if (isConst) return { info: { cname, type: t, stable, big: init.big }, init, ctype: ctx.cType(t), initC: () => init.emit("v").c };
    return { info: { cname, type: t, stable }, init, ctype: ctx.cType(t), initC: convert(ctx, init, t, `\`${decl.name.getText()}\``) };
  }
  if (init.type.t === "null") {
    ctx.error(decl, Rules.nullable, `\`${decl.name.getText()}\` starts as null: declare its type (\`T | null\`)`);
    return undefined;
  }
  if (init.type.t === "void") {
    ctx.error(decl, Rules.unsupportedType, "a void call has no value");
    return undefined;
  }
  if (isConst && (typeof init.constant === "string" || typeof init.constant === "boolean")) {
    return { info: { cname, type: init.type, stable, constant: init.constant }, ctype: "" };
  }
  return { info: { cname, type: init.type, stable }, init, ctype: ctx.cType(init.type), initC: () => init.emit().c };
}

function checkDeclarationList(ctx: Context, list: ts.VariableDeclarationList): boolean {
  if (!(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) {
    ctx.error(list, Rules.unsupportedSyntax, "`var` is not in STS: use let or const");
  }
  for (const d of list.declarations) {
    if (!ts.isIdentifier(d.name)) {
      ctx.error(d.name, Rules.unsupportedSyntax, "destructuring is not in STS");
      return false;
    }
  }
  return true;
}

/** Local declarations: C declarations in place. */
export function visitLocalDeclarations(ctx: Context, list: ts.VariableDeclarationList): CStmt[] {
  if (!checkDeclarationList(ctx, list)) return [];
  const isConst = !!(list.flags & ts.NodeFlags.Const);
  const out: CStmt[] = [];
  for (const d of list.declarations) {
    const sym = ctx.checker.getSymbolAtLocation(d.name);
    const p = plan(ctx, d, isConst, ctx.localName(d.name.getText()));
    if (!p || !sym) continue;
    ctx.vars.set(sym, p.info);
    if (p.info.constant !== undefined) continue; // replaced by its value where used
    out.push({ k: "decl", type: p.ctype, name: p.info.cname, init: p.initC ? p.initC() : zeroValue(ctx, p.info.type) });
  }
  return out;
}

/** Top-level declarations: a C global, initialized where the statement runs in the module's init. */
export function visitGlobalDeclarations(ctx: Context, stmt: ts.VariableStatement): CStmt[] {
  const list = stmt.declarationList;
  if (stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
    ctx.error(stmt.declarationList, Rules.declareForm, "only functions can be declared native (`declare function`)");
    return [];
  }
  if (!checkDeclarationList(ctx, list)) return [];
  const out: CStmt[] = [];
  for (const d of list.declarations) {
    const sym = ctx.checker.getSymbolAtLocation(d.name);
    if (!sym) continue;
    const planned = planGlobal(ctx, d, sym);
    if (!planned || planned.info.constant !== undefined) continue;
    ctx.globals.push({ k: "global", type: planned.ctype, name: planned.info.cname });
    if (planned.initC) out.push(exprStmt(assign(id(planned.info.cname), planned.initC())));
  }
  return out;
}

const globalPlans = new WeakMap<ts.VariableDeclaration, Planned | null>();

function planGlobal(ctx: Context, d: ts.VariableDeclaration, sym: ts.Symbol): Planned | undefined {
  if (globalPlans.has(d)) return globalPlans.get(d) ?? undefined;
  globalPlans.set(d, null); // a reference to itself while planning finds nothing
  const isConst = !!(d.parent.flags & ts.NodeFlags.Const);
  const p = plan(ctx, d, isConst, ctx.topName(d.getSourceFile(), d.name.getText()));
  globalPlans.set(d, p ?? null);
  if (p) ctx.vars.set(sym, p.info);
  return p;
}

/** A global referenced before its statement was compiled (e.g. from a function declared earlier). */
export function declareGlobalLazily(ctx: Context, decl: ts.VariableDeclaration, sym: ts.Symbol): VarInfo | undefined {
  if (!ts.isSourceFile(decl.parent.parent.parent)) return undefined;
  return planGlobal(ctx, decl, sym)?.info;
}

/** `let x = 0.0` or `let x = 1e3` declares a double, as the writer means, though the value is an integer. */
function writtenAsDouble(e: ts.Expression): boolean {
  while (ts.isPrefixUnaryExpression(e) || ts.isParenthesizedExpression(e)) e = ts.isParenthesizedExpression(e) ? e.expression : e.operand;
  return ts.isNumericLiteral(e) && /[.eE]/.test(e.getText()) && !/^0[xXbBoO]/.test(e.getText());
}
