// Statements: blocks, if, loops, for-of, switch, labels, break/continue,
// return, throw, expression statements.
import ts from "typescript";
import { type CStmt, type CExpr, exprStmt, block, id, assign, lit, cond, call, member, arrow, binary, cast } from "../../c/ast.ts";
import { intLiteral } from "../../numeric.ts";
import { Rules } from "../../rules.ts";
import type { Context, LoopFrame } from "../context.ts";
import { visitExpr, truthy, numVal, simpleVal, isNum } from "../expressions.ts";
import type { Val } from "../value.ts";
import { convert } from "../convert.ts";
import { visitLocalDeclarations } from "./variables.ts";
import { compareValues } from "../visitors/compare.ts";
import { elementVal, elementType } from "../visitors/typed-arrays.ts";
import { storedVal } from "../expressions.ts";
import { typeName, type StsType } from "../../types.ts";

type StmtVisitor<N extends ts.Statement = ts.Statement> = (ctx: Context, node: N) => CStmt[];

const K = ts.SyntaxKind;
const visitors: Partial<Record<ts.SyntaxKind, StmtVisitor<any>>> = {
  [K.Block]: (ctx, n: ts.Block) => [block(visitStatements(ctx, n.statements))],
  [K.VariableStatement]: (ctx, n: ts.VariableStatement) => visitLocalDeclarations(ctx, n.declarationList),
  [K.ExpressionStatement]: visitExpressionStatement,
  [K.IfStatement]: visitIf,
  [K.WhileStatement]: (ctx, n) => visitLoop(ctx, n, undefined),
  [K.DoStatement]: (ctx, n) => visitLoop(ctx, n, undefined),
  [K.ForStatement]: (ctx, n) => visitLoop(ctx, n, undefined),
  [K.ForOfStatement]: (ctx, n) => visitLoop(ctx, n, undefined),
  [K.LabeledStatement]: visitLabeled,
  [K.BreakStatement]: visitBreakContinue,
  [K.ContinueStatement]: visitBreakContinue,
  [K.SwitchStatement]: visitSwitch,
  [K.ReturnStatement]: visitReturn,
  [K.ThrowStatement]: visitThrow,
  [K.EmptyStatement]: () => [],
};

export function visitStatement(ctx: Context, node: ts.Statement): CStmt[] {
  const v = visitors[node.kind];
  if (v) return v(ctx, node);
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) {
    ctx.error(node, Rules.closure, "functions and classes are declared at the top level of a module");
  } else if (ts.isTryStatement(node)) {
    ctx.error(node, Rules.exceptions, "try/catch is not in STS: report errors with return values");
  } else if (ts.isForInStatement(node)) {
    ctx.error(node, Rules.unsupportedSyntax, "for-in is not in STS: use for-of or an index loop");
  } else if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) {
    ctx.error(node, Rules.unsupportedSyntax, "types are declared at the top level of a module");
  } else {
    ctx.error(node, Rules.unsupportedSyntax, `\`${K[node.kind]}\` is not in STS`);
  }
  return [];
}

export function visitStatements(ctx: Context, list: readonly ts.Statement[]): CStmt[] {
  return list.flatMap((s) => visitStatement(ctx, s));
}

function asBlock(stmts: CStmt[]): CStmt {
  return stmts.length === 1 && stmts[0].k === "block" ? stmts[0] : block(stmts);
}

function discard(v: Val): CExpr {
  if (v.emitDiscard) return v.emitDiscard();
  const c = v.emit();
  // a value nobody reads: say so, or gcc warns that it is unused
  return c.ctype === "void" || c.c.k === "assign" ? c.c : cast("void", c.c);
}

/** C switch bodies: mark where one clause falls into the next, as gcc -Wextra wants. */
function endsClause(stmts: CStmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (last.k === "break" || last.k === "return" || last.k === "goto" || last.k === "continue") return true;
  return last.k === "expr" && last.e.k === "call" && last.e.fn.k === "id" && (last.e.fn.name === "sts_throw" || last.e.fn.name === "sts_unreachable");
}

function visitExpressionStatement(ctx: Context, node: ts.ExpressionStatement): CStmt[] {
  return [exprStmt(discard(visitExpr(ctx, node.expression)))];
}

function condition(ctx: Context, e: ts.Expression): CExpr {
  return truthy(ctx, visitExpr(ctx, e));
}

function visitIf(ctx: Context, node: ts.IfStatement): CStmt[] {
  const c = condition(ctx, node.expression);
  const then = asBlock(visitStatement(ctx, node.thenStatement));
  const els = node.elseStatement ? visitStatement(ctx, node.elseStatement) : undefined;
  const elseStmt = els ? (els.length === 1 && els[0].k === "if" ? els[0] : asBlock(els)) : undefined;
  return [{ k: "if", c, then, else: elseStmt }];
}

function visitLabeled(ctx: Context, node: ts.LabeledStatement): CStmt[] {
  const s = node.statement;
  if (ts.isWhileStatement(s) || ts.isDoStatement(s) || ts.isForStatement(s) || ts.isForOfStatement(s)) {
    return visitLoop(ctx, s, node.label.text);
  }
  ctx.error(node, Rules.labels, "labels name loops");
  return visitStatement(ctx, s);
}

/** Loops: labelled break/continue become gotos to labels placed only when used. */
function visitLoop(ctx: Context, node: ts.IterationStatement, label: string | undefined): CStmt[] {
  const frame: LoopFrame = { label, isSwitch: false, breakUsed: false, continueUsed: false };
  if (label) {
    frame.breakLabel = ctx.scope.label(`${label}_break`);
    frame.continueLabel = ctx.scope.label(`${label}_continue`);
  }
  const body = (): CStmt[] => {
    ctx.scope.loops.push(frame);
    const b = visitStatement(ctx, node.statement);
    ctx.scope.loops.pop();
    if (frame.continueUsed) b.push({ k: "label", name: frame.continueLabel! });
    return b;
  };
  const out: CStmt[] = [];
  if (ts.isWhileStatement(node)) {
    const c = condition(ctx, node.expression);
    out.push({ k: "while", c, body: asBlock(body()) });
  } else if (ts.isDoStatement(node)) {
    const b = body();
    out.push({ k: "do", body: asBlock(b), c: condition(ctx, node.expression) });
  } else if (ts.isForStatement(node)) {
    let init: CStmt | undefined;
    const pre: CStmt[] = [];
    if (node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) {
        const decls = visitLocalDeclarations(ctx, node.initializer);
        if (decls.length === 1) init = decls[0];
        else pre.push(...decls);
      } else init = exprStmt(discard(visitExpr(ctx, node.initializer)));
    }
    const c = node.condition ? condition(ctx, node.condition) : undefined;
    const steps = node.incrementor ? commaList(node.incrementor).map((e) => discard(visitExpr(ctx, e))) : [];
    const step = steps.length ? steps.reduce((a, b) => ({ k: "comma", list: [a, b] })) : undefined;
    const loop: CStmt = { k: "for", init, c, step, body: asBlock(body()) };
    if (pre.length) out.push(block([...pre, loop]));
    else out.push(loop);
  } else if (ts.isForOfStatement(node)) {
    out.push(...visitForOf(ctx, node, body));
  }
  if (frame.breakUsed) out.push({ k: "label", name: frame.breakLabel! });
  return out.length > 1 ? [block(out)] : out;
}

function commaList(e: ts.Expression): ts.Expression[] {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === K.CommaToken) return [...commaList(e.left), ...commaList(e.right)];
  return [e];
}

/** for (const x of a): over arrays (length read each step, as JS's iterator does) and typed arrays. */
function visitForOf(ctx: Context, node: ts.ForOfStatement, body: () => CStmt[]): CStmt[] {
  const init = node.initializer;
  if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1 || !ts.isIdentifier(init.declarations[0].name) || node.awaitModifier) {
    ctx.error(node, Rules.forOf, "for-of declares one variable: `for (const x of items)`");
    return [];
  }
  const decl = init.declarations[0];
  if (!(init.flags & ts.NodeFlags.Const)) ctx.error(init, Rules.forOf, "for-of binds a const: `for (const x of items)`");
  const coll = visitExpr(ctx, node.expression);
  const t = coll.type;
  if (t.t !== "array" && t.t !== "typed") {
    ctx.error(node.expression, Rules.forOf, `for-of iterates arrays and typed arrays, not a ${typeName(t)}`);
    return [];
  }
  const c = coll.emit();
  const collName = ctx.scope.temp(c.ctype);
  const idx = ctx.scope.temp("uint32_t");
  const sym = ctx.checker.getSymbolAtLocation(decl.name)!;
  const name = ctx.localName(decl.name.getText());
  const read = t.t === "typed"
    ? () => ({ k: "index", e: member(id(collName), "data"), i: id(idx) }) as CExpr
    : () => call("STS_ARRAY_AT", lit(ctx.cType(t.elem)), id(collName), id(idx), ctx.locLit(node));
  const declType: StsType = t.t === "typed" ? elementType(t.kind) : t.elem;
  const elem = t.t === "typed" ? elementVal(ctx, node, t.kind, read, false) : storedVal(ctx, node, t.elem, read, false);
  ctx.vars.set(sym, { cname: name, type: declType, stable: !!(init.flags & ts.NodeFlags.Const) });
  const ctype = ctx.cType(declType);
  const value = elem.type.t === "num" ? (elem.num?.tag === "int" ? elem.emit("int").c : elem.emit("v").c) : elem.emit().c;
  const len = t.t === "typed" ? member(id(collName), "length") : arrow(id(collName), "length");
  return [
    exprStmt(assign(id(collName), c.c)),
    {
      k: "for",
      init: exprStmt(assign(id(idx), lit("0"))),
      c: binary("<", id(idx), len),
      step: { k: "postfix", op: "++", e: id(idx) },
      body: block([{ k: "decl", type: ctype, name, init: value }, ...body()]),
    },
  ];
}

function visitBreakContinue(ctx: Context, node: ts.BreakStatement | ts.ContinueStatement): CStmt[] {
  const isBreak = ts.isBreakStatement(node);
  const loops = ctx.scope.loops;
  if (!node.label) return [{ k: isBreak ? "break" : "continue" }];
  const frame = [...loops].reverse().find((f) => f.label === node.label!.text);
  if (!frame) {
    ctx.error(node, Rules.labels, "labels name loops");
    return [];
  }
  if (isBreak) frame.breakUsed = true;
  else frame.continueUsed = true;
  return [{ k: "goto", name: isBreak ? frame.breakLabel! : frame.continueLabel! }];
}

/**
 * switch: a C switch when the discriminant is an integer and every case is a
 * distinct integer constant; otherwise the cases are tested in order (as JS
 * does, with ===) to find the index of the matching clause, and a C switch on
 * that index keeps fallthrough and break as they are.
 */
function visitSwitch(ctx: Context, node: ts.SwitchStatement): CStmt[] {
  const disc = visitExpr(ctx, node.expression);
  const clauses = node.caseBlock.clauses;
  const caseVals = clauses.map((c) => (ts.isCaseClause(c) ? visitExpr(ctx, c.expression) : undefined));
  const consts = caseVals.map((v) => v?.constant);
  const intDisc = isNum(disc) && disc.num.tag === "int";
  const direct = intDisc && caseVals.every((v, i) => !v || (typeof consts[i] === "number" && Number.isInteger(consts[i]) && !Object.is(consts[i], -0)))
    && new Set(consts.filter((c) => c !== undefined)).size === consts.filter((c) => c !== undefined).length;
  if (isNum(disc) && disc.num.tag !== "int") {
    ctx.error(node.expression, Rules.switchForm, "switch on a double is not in STS: switch on an integer (coerce with `| 0`) or use if/else");
  } else if (!["num", "str", "bool", "big"].includes(disc.type.t)) {
    ctx.error(node.expression, Rules.switchForm, `switch on a ${typeName(disc.type)} is not in STS`);
  }
  const frame: LoopFrame = { isSwitch: true, breakUsed: false, continueUsed: false };
  ctx.scope.loops.push(frame);
  const bodies = clauses.map((c) => visitStatements(ctx, c.statements));
  ctx.scope.loops.pop();
  const body: CStmt[] = [];
  const fallsThrough = (i: number): boolean => i > 0 && bodies[i - 1].length > 0 && !endsClause(bodies[i - 1]);
  if (direct) {
    clauses.forEach((c, i) => {
      if (fallsThrough(i)) body.push({ k: "comment", text: "fallthrough" });
      body.push(ts.isCaseClause(c) ? { k: "case", value: lit(intLiteral(consts[i] as number)) } : { k: "default" });
      body.push(...bodies[i]);
    });
    return [{ k: "switch", e: disc.emit("int").c, body }];
  }
  // the index of the clause that matches, tested in source order
  const dv = disc.emit(isNum(disc) && disc.num.tag === "int" && !disc.num.negz ? "int" : isNum(disc) ? "f64" : "v");
  const dTemp = ctx.scope.temp(dv.ctype);
  const dRead: Val = isNum(disc)
    ? numVal(node.expression, dv.ctype === "double" ? { tag: "f64" } : { ...disc.num, negz: false } as never,
      dv.ctype === "double" ? { f64: () => id(dTemp) } : { int: () => id(dTemp), f64: () => cast("double", id(dTemp)) }, false, true)
    : { ...simpleVal(node.expression, disc.type, dv.ctype, () => id(dTemp), false, true), big: disc.big };
  const defaultIndex = clauses.findIndex((c) => !ts.isCaseClause(c));
  let chain: CExpr = lit(String(defaultIndex));
  for (let i = clauses.length - 1; i >= 0; i--) {
    const cv = caseVals[i];
    if (!cv) continue;
    const test = compareValues(ctx, clauses[i], "==", dRead, cv);
    chain = cond(test.emit().c, lit(String(i)), chain);
  }
  clauses.forEach((_, i) => {
    if (fallsThrough(i)) body.push({ k: "comment", text: "fallthrough" });
    body.push({ k: "case", value: lit(String(i)) });
    body.push(...bodies[i]);
  });
  return [exprStmt(assign(id(dTemp), dv.c)), { k: "switch", e: chain, body }];
}

function visitReturn(ctx: Context, node: ts.ReturnStatement): CStmt[] {
  const scope = ctx.scope;
  if (scope.isCtor) {
    if (node.expression) ctx.error(node, Rules.classForm, "a constructor does not return a value");
    return [{ k: "return", e: id("self") }];
  }
  if (!node.expression) return [{ k: "return" }];
  if (scope.ret.t === "void") {
    const v = visitExpr(ctx, node.expression);
    return [exprStmt(discard(v)), { k: "return" }];
  }
  const v = visitExpr(ctx, node.expression, scope.ret);
  return [{ k: "return", e: convert(ctx, v, scope.ret, "return value")() }];
}

function visitThrow(ctx: Context, node: ts.ThrowStatement): CStmt[] {
  const e = node.expression;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Error" && e.arguments?.length === 1) {
    const msg = visitExpr(ctx, e.arguments[0]);
    if (msg.type.t !== "str") ctx.error(e.arguments[0], Rules.exceptions, "the message of an Error is a string");
    return [exprStmt(call("sts_throw", msg.emit().c, ctx.locLit(node)))];
  }
  ctx.error(node, Rules.exceptions, "STS throws only `new Error(message)`, which stops the program");
  return [];
}
