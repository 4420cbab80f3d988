// Loads STS modules with the TypeScript compiler API and orders them as an
// ES module graph runs: each module after the modules it imports.
import ts from "typescript";
import path from "node:path";
import { Diagnostics } from "./diagnostics.ts";
import { Rules } from "./rules.ts";

export const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  useDefineForClassFields: true,
  skipLibCheck: true,
  types: [],
};

export interface StsProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** the entry's module graph, dependencies first, the entry last */
  modules: ts.SourceFile[];
}

export function loadProgram(rootFiles: string[], diags: Diagnostics): StsProgram {
  const roots = rootFiles.map((f) => path.resolve(f));
  const globals = new URL("./lib/globals.d.ts", import.meta.url).pathname;
  const program = ts.createProgram([...roots, globals], compilerOptions, cachingHost());
  const checker = program.getTypeChecker();
  const modules: ts.SourceFile[] = [];
  const seen = new Set<string>();

  const visit = (sf: ts.SourceFile): void => {
    if (seen.has(sf.fileName)) return;
    seen.add(sf.fileName);
    for (const stmt of sf.statements) {
      if ((ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt)) && stmt.moduleSpecifier) {
        const spec = (stmt.moduleSpecifier as ts.StringLiteral).text;
        if (!spec.startsWith(".")) {
          diags.report(stmt.moduleSpecifier, Rules.imports, `import of "${spec}": STS imports only relative paths to other STS modules`);
          continue;
        }
        const resolved = ts.resolveModuleName(spec, sf.fileName, compilerOptions, ts.sys).resolvedModule;
        const target = resolved && program.getSourceFile(resolved.resolvedFileName);
        if (!target || target.isDeclarationFile) {
          diags.report(stmt.moduleSpecifier, Rules.imports, `cannot find the STS module "${spec}"`);
          continue;
        }
        visit(target);
      }
    }
    modules.push(sf);
  };
  for (const r of roots) {
    const sf = program.getSourceFile(r);
    if (!sf) throw new Error(`cannot read ${r}`);
    visit(sf);
  }

  for (const sf of modules) {
    for (const d of ts.getPreEmitDiagnostics(program, sf)) {
      if (!d.file || d.start === undefined) continue;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      diags.push({
        file: d.file.fileName,
        line: line + 1,
        col: character + 1,
        rule: Rules.tsError.id,
        message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      });
    }
  }
  return { program, checker, modules };
}

/** Declaration files (TypeScript's lib, globals.d.ts) parsed once per process. */
const declarationCache = new Map<string, ts.SourceFile>();

function cachingHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(compilerOptions);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.endsWith(".d.ts")) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    let sf = declarationCache.get(fileName);
    if (!sf) {
      sf = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sf) declarationCache.set(fileName, sf);
    }
    return sf;
  };
  return host;
}
