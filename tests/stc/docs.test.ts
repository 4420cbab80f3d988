// The examples of docs/static-typescript.md are programs: every ```ts accepted
// block passes `stc check` and prints the same under Node and as C; every
// ```ts rejected block gets the diagnostic of the rule its section documents.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allRules } from "../../tools/stc/rules";
import {
  DOCS_FILE,
  ROOT,
  buildC,
  cleanupTemp,
  describeDiff,
  describeRun,
  formatDiagnostics,
  runExe,
  runNode,
  stcCheck,
} from "./helpers";

interface Example {
  kind: "accepted" | "rejected";
  /** the rule id of the section the block is in, or null outside rule sections */
  rule: string | null;
  heading: string;
  /** 1-based line of the opening fence in the markdown file */
  line: number;
  code: string;
}

const ruleIds = new Set(allRules.map((r) => r.id));

function parseExamples(markdown: string): Example[] {
  const lines = markdown.split("\n");
  const out: Example[] = [];
  let rule: string | null = null;
  let ruleLevel = 0;
  let heading = "(top)";
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^```/.test(lines[i]) && !/^```ts (accepted|rejected)\s*$/.test(lines[i])) {
      inFence = !inFence; // other fenced blocks (shell, plain ts) may contain '#' lines
      continue;
    }
    const h = inFence ? null : /^(#{1,6})\s+(.*)$/.exec(lines[i]);
    if (h) {
      heading = h[2].trim();
      const ids = [...heading.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((id) => ruleIds.has(id));
      // a rule section starts at a heading naming a rule id; a heading of the
      // same or a higher level that names no rule ends it
      if (ids.length > 0) {
        rule = ids[0];
        ruleLevel = h[1].length;
      } else if (h[1].length <= ruleLevel) {
        rule = null;
        ruleLevel = 0;
      }
      continue;
    }
    const fence = /^```ts (accepted|rejected)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    out.push({ kind: fence[1] as "accepted" | "rejected", rule, heading, line: start + 1, code: body.join("\n") + "\n" });
  }
  return out;
}

const markdown = fs.existsSync(DOCS_FILE) ? fs.readFileSync(DOCS_FILE, "utf8") : "";
const examples = parseExamples(markdown);

// The blocks import "../core/types" relative to docs/; they are written to
// build/doc-examples/docs/ with the import rewritten to reach the repository's core/.
const OUT_DIR = path.join(ROOT, "build", "doc-examples", "docs");
const coreFromOut = path.relative(OUT_DIR, path.join(ROOT, "core")).split(path.sep).join("/");

function writeExample(ex: Example, index: number): string {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${String(index).padStart(3, "0")}-${ex.rule ?? "general"}-${ex.kind}.ts`);
  const code = ex.code.replace(/(["'])\.\.\/core\//g, `$1${coreFromOut}/`);
  fs.writeFileSync(file, `// docs/static-typescript.md line ${ex.line} (${ex.heading})\n${code}`);
  return file;
}

afterAll(() => cleanupTemp());

describe("docs/static-typescript.md", () => {
  it("exists and has examples", () => {
    expect(markdown.length, `${DOCS_FILE} is missing`).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThan(0);
  });

  it("documents every rule with an accepted and a rejected example", () => {
    const problems: string[] = [];
    for (const id of ruleIds) {
      if (!new RegExp(`^#{1,6} .*\`${id}\``, "m").test(markdown)) problems.push(`no heading names \`${id}\``);
      if (!examples.some((e) => e.rule === id && e.kind === "accepted")) problems.push(`no accepted example for ${id}`);
      if (!examples.some((e) => e.rule === id && e.kind === "rejected")) problems.push(`no rejected example for ${id}`);
    }
    expect(problems).toEqual([]);
  });

  it("puts every rejected example in a rule section", () => {
    const stray = examples.filter((e) => e.kind === "rejected" && e.rule === null).map((e) => `line ${e.line}`);
    expect(stray).toEqual([]);
  });

  examples.forEach((ex, index) => {
    const title = `line ${ex.line}: ${ex.kind} example${ex.rule ? ` of ${ex.rule}` : ""} (${ex.heading})`;
    if (ex.kind === "accepted") {
      it.concurrent(
        title,
        async ({ expect }) => {
          const file = writeExample(ex, index);
          const check = await stcCheck([file]);
          expect(check.diagnostics, `stc check must accept it\n${formatDiagnostics(check.diagnostics)}\n${check.run.stderr}`).toEqual([]);
          expect(check.code).toBe(0);
          const [node, built] = await Promise.all([runNode(file), buildC(file)]);
          if (node.code !== 0) throw new Error(`the example fails under Node\n${describeRun(node)}`);
          if (!built.ok) throw new Error(built.failure);
          const c = await runExe(built.exe);
          if (c.code !== 0) throw new Error(`the C build of the example did not exit with 0\n${describeRun(c)}`);
          if (c.stdout !== node.stdout) throw new Error(describeDiff(node.stdout, c.stdout));
          expect(c.stdout).toBe(node.stdout);
        },
        300_000,
      );
    } else {
      it.concurrent(
        title,
        async ({ expect }) => {
          const file = writeExample(ex, index);
          const check = await stcCheck([file]);
          const listing = formatDiagnostics(check.diagnostics);
          expect(check.code, `stc check must reject it\n${listing}`).toBe(1);
          expect(
            check.diagnostics.some((d) => d.rule === ex.rule),
            `expected a [${ex.rule}] diagnostic\n${listing}`,
          ).toBe(true);
        },
        120_000,
      );
    }
  });
});
