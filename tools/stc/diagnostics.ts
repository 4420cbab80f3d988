// Diagnostics are data: where (file:line:col), which rule, and what to do.
import ts from "typescript";
import path from "node:path";
import type { Rule } from "./rules.ts";

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  rule: string;
  message: string;
}

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  report(node: ts.Node, rule: Rule, message: string): void {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    this.push({ file: sf.fileName, line: line + 1, col: character + 1, rule: rule.id, message });
  }

  push(d: Diagnostic): void {
    // one diagnostic per place and rule is enough
    if (this.list.some((x) => x.file === d.file && x.line === d.line && x.col === d.col && x.rule === d.rule)) return;
    this.list.push(d);
  }

  get hasErrors(): boolean {
    return this.list.length > 0;
  }

  sorted(): Diagnostic[] {
    return [...this.list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  }
}

export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const rel = path.relative(cwd, d.file) || d.file;
  return `${rel}:${d.line}:${d.col}: error [${d.rule}] ${d.message}`;
}

/** Where a node is, as "file.ts:line:col" for run-time error messages in C. */
export function nodeLocation(node: ts.Node, cwd = process.cwd()): string {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${path.relative(cwd, sf.fileName) || sf.fileName}:${line + 1}:${character + 1}`;
}
