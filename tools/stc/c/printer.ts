// Prints the C syntax tree as compact C99, inserting parentheses by precedence.
import type { CExpr, CStmt, CTopLevel, CParam } from "./ast.ts";

// C operator precedence, higher binds tighter.
const binaryPrecedence: Record<string, number> = {
  "*": 13, "/": 13, "%": 13,
  "+": 12, "-": 12,
  "<<": 11, ">>": 11,
  "<": 10, "<=": 10, ">": 10, ">=": 10,
  "==": 9, "!=": 9,
  "&": 8, "^": 7, "|": 6, "&&": 5, "||": 4,
};
const PREC_COMMA = 1;
const PREC_ASSIGN = 2;
const PREC_COND = 3;
const PREC_UNARY = 14;
const PREC_POSTFIX = 15;

function precedence(e: CExpr): number {
  switch (e.k) {
    case "id": case "lit": case "compound": case "sizeof": return 16;
    case "call": case "member": case "index": case "postfix": return PREC_POSTFIX;
    case "unary": case "cast": return PREC_UNARY;
    case "binary": return binaryPrecedence[e.op];
    case "cond": return PREC_COND;
    case "assign": return PREC_ASSIGN;
    case "comma": return PREC_COMMA;
  }
}

function wrap(e: CExpr, min: number): string {
  const s = printExpr(e);
  return precedence(e) < min ? `(${s})` : s;
}

/** Mixing these operators without parentheses makes gcc -Wall warn. */
function needsClarity(parentOp: string, child: CExpr): boolean {
  if (child.k !== "binary") return false;
  const bitwise = ["&", "|", "^", "<<", ">>"];
  if (bitwise.includes(parentOp) || bitwise.includes(child.op)) return child.op !== parentOp;
  if (parentOp === "||" && child.op === "&&") return true;
  return false;
}

export function printExpr(e: CExpr): string {
  switch (e.k) {
    case "id": return e.name;
    case "lit": return e.text;
    case "sizeof": return `sizeof(${e.type})`;
    case "unary": {
      const inner = wrap(e.e, PREC_UNARY);
      // avoid "- -x" reading as "--x"
      const sep = (e.op === "-" || e.op === "+") && inner.startsWith(e.op) ? " " : "";
      return e.op + sep + inner;
    }
    case "postfix": return wrap(e.e, PREC_POSTFIX) + e.op;
    case "binary": {
      const p = binaryPrecedence[e.op];
      const l = needsClarity(e.op, e.l) ? `(${printExpr(e.l)})` : wrap(e.l, p);
      const r = needsClarity(e.op, e.r) ? `(${printExpr(e.r)})` : wrap(e.r, p + 1);
      return `${l} ${e.op} ${r}`;
    }
    case "assign": return `${wrap(e.l, PREC_UNARY)} ${e.op} ${wrap(e.r, PREC_ASSIGN)}`;
    case "cond": return `${wrap(e.c, PREC_COND + 1)} ? ${wrap(e.a, PREC_ASSIGN)} : ${wrap(e.b, PREC_COND)}`;
    case "call": return `${wrap(e.fn, PREC_POSTFIX)}(${e.args.map((a) => wrap(a, PREC_ASSIGN)).join(", ")})`;
    case "cast": return `(${e.type})${wrap(e.e, PREC_UNARY)}`;
    case "member": return `${wrap(e.e, PREC_POSTFIX)}${e.arrow ? "->" : "."}${e.name}`;
    case "index": return `${wrap(e.e, PREC_POSTFIX)}[${printExpr(e.i)}]`;
    case "comma": return e.list.map((x) => wrap(x, PREC_ASSIGN)).join(", ");
    // parenthesized, so that its commas never split a macro argument
    case "compound": return `((${e.type}){ ${e.inits.map((x) => wrap(x, PREC_ASSIGN)).join(", ")} })`;
  }
}

function printStmt(s: CStmt, ind: string, out: string[]): void {
  switch (s.k) {
    case "expr": out.push(`${ind}${printExpr(s.e)};`); return;
    case "decl":
      out.push(`${ind}${s.isStatic ? "static " : ""}${declare(s.type, s.name)}${s.init ? " = " + wrap(s.init, PREC_ASSIGN) : ""};`);
      return;
    case "block":
      out.push(`${ind}{`);
      for (const b of s.body) printStmt(b, ind + "  ", out);
      out.push(`${ind}}`);
      return;
    case "if": {
      out.push(`${ind}if (${printExpr(s.c)}) {`);
      printBody(s.then, ind, out);
      let rest = s.else;
      while (rest && rest.k === "if") {
        out.push(`${ind}} else if (${printExpr(rest.c)}) {`);
        printBody(rest.then, ind, out);
        rest = rest.else;
      }
      if (rest) {
        out.push(`${ind}} else {`);
        printBody(rest, ind, out);
      }
      out.push(`${ind}}`);
      return;
    }
    case "while":
      out.push(`${ind}while (${printExpr(s.c)}) {`);
      printBody(s.body, ind, out);
      out.push(`${ind}}`);
      return;
    case "do":
      out.push(`${ind}do {`);
      printBody(s.body, ind, out);
      out.push(`${ind}} while (${printExpr(s.c)});`);
      return;
    case "for": {
      let init = "";
      if (s.init) {
        const tmp: string[] = [];
        printStmt(s.init, "", tmp);
        init = tmp.join(" ").replace(/;$/, "");
      }
      out.push(`${ind}for (${init}; ${s.c ? printExpr(s.c) : ""}; ${s.step ? printExpr(s.step) : ""}) {`);
      printBody(s.body, ind, out);
      out.push(`${ind}}`);
      return;
    }
    case "switch":
      out.push(`${ind}switch (${printExpr(s.e)}) {`);
      for (const b of s.body) printStmt(b, b.k === "case" || b.k === "default" || (b.k === "comment" && b.text === "fallthrough") ? ind + "  " : ind + "    ", out);
      out.push(`${ind}}`);
      return;
    case "case": out.push(`${ind}case ${printExpr(s.value)}:`); return;
    case "default": out.push(`${ind}default:`); return;
    case "label": out.push(`${ind.slice(2)}${s.name}: ;`); return;
    case "goto": out.push(`${ind}goto ${s.name};`); return;
    case "break": out.push(`${ind}break;`); return;
    case "continue": out.push(`${ind}continue;`); return;
    case "return": out.push(`${ind}return${s.e ? " " + printExpr(s.e) : ""};`); return;
    case "comment": out.push(`${ind}/* ${s.text.replace(/\*\//g, "* /")} */`); return;
  }
}

function printBody(s: CStmt, ind: string, out: string[]): void {
  if (s.k === "block") for (const b of s.body) printStmt(b, ind + "  ", out);
  else printStmt(s, ind + "  ", out);
}

function declare(type: string, name: string): string {
  return type.endsWith("*") ? `${type}${name}` : `${type} ${name}`;
}

function params(ps: CParam[]): string {
  return ps.length === 0 ? "void" : ps.map((p) => declare(p.type, p.name)).join(", ");
}

export function printTopLevel(items: CTopLevel[]): string {
  const out: string[] = [];
  for (const t of items) {
    switch (t.k) {
      case "comment": out.push(`/* ${t.text} */`); break;
      case "raw": out.push(t.text); break;
      case "typedef": out.push(t.text); break;
      case "struct":
        out.push(`struct ${t.name} {`);
        for (const f of t.fields) out.push(`  ${declare(f.type, f.name)};`);
        if (t.fields.length === 0) out.push("  char unused_;");
        out.push("};");
        break;
      case "global":
        out.push(`${t.isExtern ? "extern" : "static"} ${declare(t.type, t.name)}${t.init ? " = " + printExpr(t.init) : ""};`);
        break;
      case "proto":
        out.push(`${t.isExtern ? "extern " : "static STS_UNUSED "}${t.noreturn ? "STS_NORETURN " : ""}${declare(t.ret, t.name)}(${params(t.params)});`);
        break;
      case "function": {
        out.push("");
        out.push(`${t.isPublic ? "" : "static "}${declare(t.ret, t.name)}(${params(t.params)}) {`);
        for (const s of t.body) printStmt(s, "  ", out);
        out.push("}");
        break;
      }
    }
  }
  return out.join("\n") + "\n";
}
