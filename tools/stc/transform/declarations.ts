// Top-level declarations: functions, natives, classes, interfaces, enums,
// imports, and each module's top-level statements (its init function).
import ts from "typescript";
import { type CStmt, type CParam, id, assign, exprStmt, call, cast, arrow } from "../c/ast.ts";
import { Rules } from "../rules.ts";
import { Context, FunctionScope } from "./context.ts";
import type { ClassInfo, FuncInfo, StsType } from "../types.ts";
import { visitStatement, visitStatements } from "./statements/control.ts";
import { visitGlobalDeclarations } from "./statements/variables.ts";
import { visitExpr } from "./expressions.ts";
import { convert } from "./convert.ts";

const K = ts.SyntaxKind;

/** Compiles one module; returns the C name of its init function. */
export function compileModule(ctx: Context, sf: ts.SourceFile): string {
  const initName = ctx.uniqueGlobal(`${ctx.modulePrefix.get(sf.fileName)}_init`);
  const scope = new FunctionScope(ctx, { t: "void" });
  ctx.scope = scope;
  const body: CStmt[] = [];
  for (const stmt of sf.statements) {
    ctx.scope = scope;
    body.push(...visitTopLevel(ctx, stmt));
  }
  ctx.protos.push({ k: "proto", ret: "void", name: initName, params: [] });
  ctx.functions.push({ k: "function", ret: "void", name: initName, params: [], body: [...scope.temps, ...body] });
  return initName;
}

function visitTopLevel(ctx: Context, stmt: ts.Statement): CStmt[] {
  if (!ts.isFunctionDeclaration(stmt) && !ts.isVariableStatement(stmt) && ts.canHaveModifiers(stmt) &&
    ts.getModifiers(stmt)?.some((m) => m.kind === K.DeclareKeyword)) {
    ctx.error(stmt, Rules.declareForm, "only functions are declared native: `declare function name(params): type;`");
    return [];
  }
  if (ts.getDecorators(stmt as ts.HasDecorators)?.length) ctx.error(stmt, Rules.unsupportedSyntax, "decorators are not in STS");
  switch (stmt.kind) {
    case K.FunctionDeclaration: compileFunction(ctx, stmt as ts.FunctionDeclaration); return [];
    case K.ClassDeclaration: return compileClass(ctx, stmt as ts.ClassDeclaration);
    case K.InterfaceDeclaration: compileInterface(ctx, stmt as ts.InterfaceDeclaration); return [];
    case K.EnumDeclaration: checkEnum(ctx, stmt as ts.EnumDeclaration); return [];
    case K.TypeAliasDeclaration: {
      const t = stmt as ts.TypeAliasDeclaration;
      if (t.typeParameters) ctx.error(t, Rules.generics, "no generic type aliases in STS");
      return [];
    }
    case K.ImportDeclaration: checkImport(ctx, stmt as ts.ImportDeclaration); return [];
    case K.ExportDeclaration: return [];
    case K.ExportAssignment:
      ctx.error(stmt, Rules.imports, "no default exports in STS: export declarations by name");
      return [];
    case K.VariableStatement: return visitGlobalDeclarations(ctx, stmt as ts.VariableStatement);
    case K.ModuleDeclaration:
      ctx.error(stmt, Rules.unsupportedSyntax, "namespaces are not in STS: use modules");
      return [];
  }
  return visitStatement(ctx, stmt);
}

function checkImport(ctx: Context, imp: ts.ImportDeclaration): void {
  const clause = imp.importClause;
  if (!clause) return;
  if (clause.name) ctx.error(clause.name, Rules.imports, "no default imports in STS: import names in braces");
  if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) {
    ctx.error(clause.namedBindings, Rules.imports, "no namespace imports in STS: import names in braces");
  }
}

function neverAssigned(ctx: Context, sym: ts.Symbol, body: ts.Node): boolean {
  let assigned = false;
  const walk = (n: ts.Node): void => {
    if (assigned) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment &&
      ts.isIdentifier(n.left) && ctx.checker.getSymbolAtLocation(n.left) === sym) assigned = true;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken) &&
      ts.isIdentifier(n.operand) && ctx.checker.getSymbolAtLocation(n.operand) === sym) assigned = true;
    ts.forEachChild(n, walk);
  };
  walk(body);
  return !assigned;
}

/** Registers parameters as variables and returns the C parameter list. */
function bindParams(ctx: Context, decl: ts.FunctionLikeDeclaration, info: FuncInfo): CParam[] {
  return decl.parameters.map((p, i) => {
    const sym = ctx.checker.getSymbolAtLocation(p.name)!;
    const cname = ctx.localName(p.name.getText());
    const type = info.params[i].type;
    // a parameter property has two symbols: the property, and the parameter the constructor body reads
    const syms = ts.isParameterPropertyDeclaration(p, p.parent) && ts.isIdentifier(p.name)
      ? ctx.checker.getSymbolsOfParameterPropertyDeclaration(p, p.name.text)
      : [sym];
    for (const s of syms) ctx.vars.set(s, { cname, type, stable: !!decl.body && neverAssigned(ctx, s, decl.body) });
    return { type: ctx.cType(type), name: cname };
  });
}

function endsWithReturn(stmts: CStmt[]): boolean {
  const last = stmts[stmts.length - 1];
  return !!last && (last.k === "return" || (last.k === "expr" && last.e.k === "call" && last.e.fn.k === "id" && last.e.fn.name === "sts_throw"));
}

function functionBody(ctx: Context, decl: ts.FunctionLikeDeclaration, scope: FunctionScope, prologue: CStmt[], epilogue: CStmt[]): CStmt[] {
  ctx.scope = scope;
  const stmts = decl.body && ts.isBlock(decl.body) ? visitStatements(ctx, decl.body.statements) : [];
  const body = [...prologue, ...stmts, ...epilogue];
  // TypeScript has proved that a value is returned; tell the C compiler too
  if (scope.ret.t !== "void" && !endsWithReturn(body)) body.push(exprStmt(call("sts_unreachable", ctx.locLit(decl))));
  return [...scope.temps, ...body];
}

export function compileFunction(ctx: Context, decl: ts.FunctionDeclaration): void {
  if (!decl.name) {
    ctx.error(decl, Rules.unsupportedSyntax, "functions have names");
    return;
  }
  if (decl.typeParameters) ctx.error(decl, Rules.generics, "no generic functions in STS");
  if (decl.asteriskToken || ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Async) {
    ctx.error(decl, Rules.unsupportedSyntax, "async functions and generators are not in STS");
  }
  const info = ctx.funcInfo(decl);
  if (info.intrinsic) return;
  if (!decl.body) {
    if (!(ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Ambient)) return; // an overload signature
    if (!decl.type) ctx.error(decl, Rules.declareForm, "a native declares its return type");
    if (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Export) {
      // JavaScript drops a declaration, so an import of it would not link under Node
      ctx.error(decl, Rules.declareForm, "a native is not exported: declare it in each module that calls it, or export a wrapper function");
    }
    ctx.protos.push({ k: "proto", ret: ctx.cType(info.ret), name: info.cname, params: info.params.map((p) => ({ type: ctx.cType(p.type), name: ctx.localName(p.name) })), isExtern: true });
    return;
  }
  const scope = new FunctionScope(ctx, info.ret);
  ctx.scope = scope;
  const params = bindParams(ctx, decl, info);
  ctx.protos.push({ k: "proto", ret: ctx.cType(info.ret), name: info.cname, params });
  ctx.functions.push({ k: "function", ret: ctx.cType(info.ret), name: info.cname, params, body: functionBody(ctx, decl, scope, [], []) });
}

function compileClass(ctx: Context, decl: ts.ClassDeclaration): CStmt[] {
  const info = ctx.classInfo(decl);
  if (info.intrinsic) return [];
  if (decl.typeParameters) ctx.error(decl, Rules.generics, "no generic classes in STS");
  for (const h of decl.heritageClauses ?? []) {
    if (h.token === K.ExtendsKeyword) ctx.error(h, Rules.classForm, "classes do not extend other classes in STS");
  }
  const initStmts: CStmt[] = [];
  const fieldInits: { cname: string; init: ts.Expression; type: StsType }[] = [];
  for (const m of decl.members) {
    if (ts.isPropertyDeclaration(m)) {
      if (!ts.isIdentifier(m.name)) {
        ctx.error(m, Rules.classForm, "fields have plain names (no #private or computed names)");
        continue;
      }
      if (m.questionToken || m.exclamationToken) ctx.error(m, Rules.classForm, "fields are required and initialized");
      const isStatic = !!(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static);
      const f = (isStatic ? info.staticFields : info.fields).get(m.name.text)!;
      if (isStatic) {
        ctx.globals.push({ k: "global", type: ctx.cType(f.type), name: f.cname });
        if (m.initializer) {
          const v = visitExpr(ctx, m.initializer, f.type);
          initStmts.push(exprStmt(assign(id(f.cname), convert(ctx, v, f.type, `field ${f.name}`)())));
        }
      } else if (m.initializer) fieldInits.push({ cname: f.cname, init: m.initializer, type: f.type });
    } else if (ts.isMethodDeclaration(m)) {
      if (!ts.isIdentifier(m.name) || m.asteriskToken || ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Async | ts.ModifierFlags.Abstract)) {
        ctx.error(m, Rules.classForm, "methods have plain names and bodies (no async, generators, abstract or computed names)");
        continue;
      }
      if (m.typeParameters) ctx.error(m, Rules.generics, "no generic methods in STS");
      const isStatic = !!(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static);
      compileMethod(ctx, info, m, isStatic);
    } else if (ts.isConstructorDeclaration(m)) {
      // compiled below with the field initializers
    } else if (ts.isSemicolonClassElement(m)) {
      // nothing
    } else {
      ctx.error(m, Rules.classForm, "classes have fields, a constructor and methods (no accessors, index signatures or static blocks)");
    }
  }
  const ctor = decl.members.find(ts.isConstructorDeclaration);
  compileConstructor(ctx, info, ctor, fieldInits);
  ctx.structDefs.push({ k: "struct", name: info.cname, fields: [...info.fields.values()].map((f) => ({ type: ctx.cType(f.type), name: f.cname })) });
  ctx.typedefs.unshift({ k: "typedef", text: `typedef struct ${info.cname} ${info.cname};` });
  return initStmts;
}

function compileMethod(ctx: Context, info: ClassInfo, m: ts.MethodDeclaration, isStatic: boolean): void {
  const fi = (isStatic ? info.staticMethods : info.methods).get((m.name as ts.Identifier).text)!;
  const scope = new FunctionScope(ctx, fi.ret, isStatic ? undefined : info);
  ctx.scope = scope;
  const params = bindParams(ctx, m, fi);
  const all = isStatic ? params : [{ type: `${info.cname} *`, name: "self" }, ...params];
  ctx.protos.push({ k: "proto", ret: ctx.cType(fi.ret), name: fi.cname, params: all });
  ctx.functions.push({ k: "function", ret: ctx.cType(fi.ret), name: fi.cname, params: all, body: functionBody(ctx, m, scope, [], []) });
}

/** `Cls_new`: allocate, run field initializers in order, assign parameter properties, run the body. */
function compileConstructor(ctx: Context, info: ClassInfo, ctor: ts.ConstructorDeclaration | undefined, fieldInits: { cname: string; init: ts.Expression; type: StsType }[]): void {
  const fi = info.ctor;
  const self: StsType = { t: "class", info };
  const scope = new FunctionScope(ctx, self, info, true);
  ctx.scope = scope;
  const params = ctor ? bindParams(ctx, ctor, fi) : [];
  const prologue: CStmt[] = [{ k: "decl", type: `${info.cname} *`, name: "self", init: cast(`${info.cname} *`, call("sts_alloc", { k: "sizeof", type: info.cname })) }];
  for (const f of fieldInits) {
    const v = visitExpr(ctx, f.init, f.type);
    prologue.push(exprStmt(assign(arrow(id("self"), f.cname), convert(ctx, v, f.type, "field initializer")())));
  }
  if (ctor) {
    ctor.parameters.forEach((p, i) => {
      if (ts.isParameterPropertyDeclaration(p, ctor)) prologue.push(exprStmt(assign(arrow(id("self"), info.fields.get(p.name.getText())!.cname), id(params[i].name))));
    });
  }
  const body = ctor ? functionBody(ctx, ctor, scope, prologue, [{ k: "return", e: id("self") }]) : [...scope.temps, ...prologue, { k: "return", e: id("self") } as CStmt];
  ctx.protos.push({ k: "proto", ret: `${info.cname} *`, name: fi.cname, params });
  ctx.functions.push({ k: "function", ret: `${info.cname} *`, name: fi.cname, params, body });
}

function compileInterface(ctx: Context, decl: ts.InterfaceDeclaration): void {
  if (decl.typeParameters) ctx.error(decl, Rules.generics, "no generic interfaces in STS");
  if (decl.heritageClauses?.length) ctx.error(decl, Rules.interfaceForm, "interfaces do not extend others in STS: list the fields");
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m) || !ts.isIdentifier(m.name) || !m.type) {
      ctx.error(m, Rules.interfaceForm, "interfaces list fields as `name: type` (no methods, index or call signatures)");
    } else if (m.questionToken) {
      ctx.error(m, Rules.interfaceForm, "interface fields are required (no `?`)");
    }
  }
  const info = ctx.structInfo(decl);
  ctx.typedefs.unshift({ k: "typedef", text: `typedef struct ${info.cname} ${info.cname};` });
  ctx.structDefs.push({ k: "struct", name: info.cname, fields: [...info.fields.values()].map((f) => ({ type: ctx.cType(f.type), name: f.cname })) });
}

function checkEnum(ctx: Context, decl: ts.EnumDeclaration): void {
  for (const m of decl.members) {
    const v = ctx.checker.getConstantValue(m);
    if (typeof v !== "number") ctx.error(m, Rules.enumForm, "enum members are numbers (no string members)");
  }
}

