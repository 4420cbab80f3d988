// gcc -Wall -Wextra warns about parameters and variables that the C never
// reads (a parameter only used in a comparison stc decided from ranges, a
// variable only assigned). Such values are legal STS, so the C says
// `(void)name;` for them.
import type { CExpr, CStmt, CParam } from "./ast.ts";
import { exprStmt, cast, id } from "./ast.ts";

function readsOfExpr(e: CExpr, reads: Set<string>): void {
  switch (e.k) {
    case "id": reads.add(e.name); return;
    case "lit": case "sizeof": return;
    case "unary": case "postfix": case "cast": readsOfExpr(e.e, reads); return;
    case "binary": readsOfExpr(e.l, reads); readsOfExpr(e.r, reads); return;
    case "assign":
      // a plain store to a variable is not a read of it
      if (!(e.op === "=" && e.l.k === "id")) readsOfExpr(e.l, reads);
      readsOfExpr(e.r, reads);
      return;
    case "cond": readsOfExpr(e.c, reads); readsOfExpr(e.a, reads); readsOfExpr(e.b, reads); return;
    case "call": readsOfExpr(e.fn, reads); e.args.forEach((a) => readsOfExpr(a, reads)); return;
    case "member": readsOfExpr(e.e, reads); return;
    case "index": readsOfExpr(e.e, reads); readsOfExpr(e.i, reads); return;
    case "comma": e.list.forEach((x) => readsOfExpr(x, reads)); return;
    case "compound": e.inits.forEach((x) => readsOfExpr(x, reads)); return;
  }
}

function readsOfStmt(s: CStmt, reads: Set<string>): void {
  switch (s.k) {
    case "expr": readsOfExpr(s.e, reads); return;
    case "decl": if (s.init) readsOfExpr(s.init, reads); return;
    case "block": s.body.forEach((b) => readsOfStmt(b, reads)); return;
    case "if": readsOfExpr(s.c, reads); readsOfStmt(s.then, reads); if (s.else) readsOfStmt(s.else, reads); return;
    case "while": case "do": readsOfExpr(s.c, reads); readsOfStmt(s.body, reads); return;
    case "for":
      if (s.init) readsOfStmt(s.init, reads);
      if (s.c) readsOfExpr(s.c, reads);
      if (s.step) readsOfExpr(s.step, reads);
      readsOfStmt(s.body, reads);
      return;
    case "switch": readsOfExpr(s.e, reads); s.body.forEach((b) => readsOfStmt(b, reads)); return;
    case "case": readsOfExpr(s.value, reads); return;
    case "return": if (s.e) readsOfExpr(s.e, reads); return;
    default: return;
  }
}

function silenceIn(stmts: CStmt[], reads: Set<string>): CStmt[] {
  const out: CStmt[] = [];
  for (const s of stmts) {
    out.push(silenceStmt(s, reads));
    if (s.k === "decl" && !reads.has(s.name)) out.push(exprStmt(cast("void", id(s.name))));
  }
  return out;
}

function silenceStmt(s: CStmt, reads: Set<string>): CStmt {
  switch (s.k) {
    case "block": return { ...s, body: silenceIn(s.body, reads) };
    case "if": return { ...s, then: silenceStmt(s.then, reads), else: s.else && silenceStmt(s.else, reads) };
    case "while": case "do": return { ...s, body: silenceStmt(s.body, reads) };
    case "for": {
      // a loop variable nobody reads: say so first thing in the body
      const extra = s.init?.k === "decl" && !reads.has(s.init.name) ? [exprStmt(cast("void", id(s.init.name)))] : [];
      const body = silenceStmt(s.body, reads);
      return { ...s, body: extra.length ? { k: "block", body: [...extra, ...(body.k === "block" ? body.body : [body])] } : body };
    }
    case "switch": return { ...s, body: silenceIn(s.body, reads) };
    default: return s;
  }
}

/** The body with `(void)name;` after each parameter and local that the C never reads. */
export function silenceUnused(params: CParam[], body: CStmt[]): CStmt[] {
  const reads = new Set<string>();
  body.forEach((s) => readsOfStmt(s, reads));
  const unusedParams = params.filter((p) => !reads.has(p.name)).map((p) => exprStmt(cast("void", id(p.name))));
  return [...unusedParams, ...silenceIn(body, reads)];
}
