// `stc check <files...> [--json]` and `stc build <entry.ts> -o <out.c> [--no-main]`.
import { parseArgs } from "node:util";
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { compile } from "./compile.ts";
import { formatDiagnostic, type Diagnostic } from "./diagnostics.ts";

const usage = `usage:
  stc check <files...> [--json]          check Static TypeScript files
  stc build <entry.ts> -o <out.c> [--no-main]
                                          compile a program (and its imports) to one C99 file
See docs/static-typescript.md for the dialect.`;

function report(list: Diagnostic[], json: boolean): void {
  if (json) process.stdout.write(JSON.stringify(list, null, 2) + "\n");
  else for (const d of list) process.stderr.write(formatDiagnostic(d) + "\n");
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: "string", short: "o" }, json: { type: "boolean" }, "no-main": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || !command || command === "help") {
    process.stdout.write(usage + "\n");
    return command ? 0 : 2;
  }
  if (command === "check") {
    if (positionals.length === 0) {
      process.stderr.write("stc check: name the files to check\n" + usage + "\n");
      return 2;
    }
    const { diagnostics } = compile(positionals);
    report(diagnostics.sorted(), !!values.json);
    if (!values.json && !diagnostics.hasErrors) process.stderr.write(`stc: ${positionals.length} file(s) OK\n`);
    return diagnostics.hasErrors ? 1 : 0;
  }
  if (command === "build") {
    if (positionals.length !== 1 || !values.out) {
      process.stderr.write("stc build: give one entry file and -o <out.c>\n" + usage + "\n");
      return 2;
    }
    const { diagnostics, c } = compile(positionals, { noMain: values["no-main"] });
    report(diagnostics.sorted(), !!values.json);
    if (!c) return 1;
    mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    writeFileSync(values.out, c);
    return 0;
  }
  process.stderr.write(`stc: unknown command "${command}"\n` + usage + "\n");
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`stc: internal error: ${(e as Error).stack}\n`);
  process.exitCode = 3;
}
