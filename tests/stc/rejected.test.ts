// Every file in tests/stc/rejected breaks one rule: `<rule-id>.ts` or
// `<rule-id>.<n>.ts`. stc check must report that rule, pointing into the file;
// and every rule of tools/stc/rules.ts has at least one such file.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../tools/stc/rules";
import { REJECTED_DIR, diagnosticPath, formatDiagnostics, stcCheckJson, type CheckResult, type Diagnostic } from "./helpers";

const ruleIds = new Set(allRules.map((r) => r.id));
const files = fs
  .readdirSync(REJECTED_DIR)
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => path.join(REJECTED_DIR, f));

function ruleOf(file: string): string {
  return path.basename(file, ".ts").replace(/\.\d+$/, "");
}

// One `stc check` over all the files is much faster than one per file (each run
// starts TypeScript). If that run fails as a whole (no JSON, internal error), or
// STC_TEST_BATCH=0, each file is checked on its own.
let batch: Promise<CheckResult | null> | null = null;
function batchCheck(): Promise<CheckResult | null> {
  if (process.env.STC_TEST_BATCH === "0") return Promise.resolve(null);
  batch ??= stcCheckJson(files).then(
    (r) => (r.code === 0 || r.code === 1 ? r : null),
    () => null,
  );
  return batch;
}

async function diagnosticsFor(file: string): Promise<{ code: number | null; diagnostics: Diagnostic[]; stderr: string }> {
  const all = await batchCheck();
  if (all !== null) {
    const diagnostics = all.diagnostics.filter((d) => diagnosticPath(d) === file);
    return { code: diagnostics.length > 0 ? 1 : 0, diagnostics, stderr: all.run.stderr };
  }
  const one = await stcCheckJson([file]);
  return { code: one.code, diagnostics: one.diagnostics, stderr: one.run.stderr };
}

describe("rejected programs", () => {
  it("every rule id in tools/stc/rules.ts has a rejected file", () => {
    const covered = new Set(files.map(ruleOf));
    const missing = [...ruleIds].filter((id) => !covered.has(id));
    expect(missing, `rules without a file in tests/stc/rejected: ${missing.join(", ")}`).toEqual([]);
  });

  it("every rejected file is named after a rule id", () => {
    const unknown = files.map(ruleOf).filter((id) => !ruleIds.has(id));
    expect(unknown, `files named after no rule: ${unknown.join(", ")}`).toEqual([]);
  });

  for (const file of files) {
    const name = path.basename(file);
    const rule = ruleOf(file);
    it.concurrent(
      `${name} is rejected with [${rule}]`,
      async ({ expect }) => {
        const lines = fs.readFileSync(file, "utf8").split("\n");
        const { code, diagnostics, stderr } = await diagnosticsFor(file);
        const listing = `diagnostics:\n${formatDiagnostics(diagnostics)}\nstderr:\n${stderr}`;
        expect(code, `stc check must exit with 1\n${listing}`).toBe(1);
        const hits = diagnostics.filter((d) => d.rule === rule);
        expect(hits.length, `no [${rule}] diagnostic\n${listing}`).toBeGreaterThan(0);
        const inFile = hits.filter((d) => {
          if (diagnosticPath(d) !== file) return false;
          if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines.length) return false;
          return Number.isInteger(d.col) && d.col >= 1 && d.col <= lines[d.line - 1].length + 1;
        });
        expect(inFile.length, `no [${rule}] diagnostic with file/line/col inside ${name}\n${listing}`).toBeGreaterThan(0);
        for (const d of inFile) expect(typeof d.message === "string" && d.message.length > 0, "a diagnostic has a message").toBe(true);
      },
      120_000,
    );
  }
});
