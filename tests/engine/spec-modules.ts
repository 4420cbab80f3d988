// The spec testsuite's modules as test data for the decoder and instantiation
// tests: every module of every .wast, tagged with what the spec expects of it
// (loads, malformed, invalid, unlinkable, uninstantiable).
//
// Debian's wast2json (1.0.32) converts most files. The ones it cannot parse
// (custom-page-sizes' `(pagesize N)`, folded table instructions, ...) go through
// a small reader of the .wast text here: it splits the top-level commands and
// turns each text module into binary with node_modules/wabt's JS API.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export const SPEC_DIR = "/work/shared/spec-testsuite";

export type Expect = "load" | "malformed" | "invalid" | "unlinkable" | "uninstantiable";

export interface SpecModule {
  file: string;
  line: number;
  expect: Expect;
  /** the assertion's text (empty for "load") */
  text: string;
  bytes: Uint8Array;
  /** the module's $name in the script, if any (for register) */
  name: string;
  /** the command's index in its file, so a test can replay a script in order */
  order: number;
}

export interface SpecScript {
  file: string;
  modules: SpecModule[];
  /** register commands: (as, module name or "" for the last module), at command index `order` */
  registers: { as: string; name: string; order: number }[];
}

/** Every .wast of the suite except SIMD (the engine has none): top level, then proposals/<p>/. */
export function specFiles(): string[] {
  const files: string[] = [];
  for (const f of readdirSync(SPEC_DIR).sort()) if (f.endsWith(".wast") && !f.startsWith("simd_")) files.push(join(SPEC_DIR, f));
  const proposals = join(SPEC_DIR, "proposals");
  if (existsSync(proposals)) {
    for (const p of readdirSync(proposals).sort()) {
      for (const f of readdirSync(join(proposals, p)).sort()) if (f.endsWith(".wast")) files.push(join(proposals, p, f));
    }
  }
  return files;
}

function shortName(path: string): string {
  return path.startsWith(SPEC_DIR + "/") ? path.slice(SPEC_DIR.length + 1) : basename(path);
}

interface WastJsonCommand {
  type: string;
  line: number;
  filename?: string;
  name?: string;
  as?: string;
  text?: string;
  module_type?: string;
}

const JSON_EXPECT: Record<string, Expect> = {
  module: "load",
  assert_malformed: "malformed",
  assert_invalid: "invalid",
  assert_unlinkable: "unlinkable",
  assert_uninstantiable: "uninstantiable",
};

/** Converts one .wast with wast2json; null when wast2json cannot parse it. */
function viaWast2json(path: string, dir: string): SpecScript | null {
  const stem = shortName(path).replace(/[/.]/g, "_");
  const out = join(dir, stem + ".json");
  const res = spawnSync("wast2json", ["--enable-tail-call", "--enable-extended-const", path, "-o", out], { encoding: "utf8" });
  if (res.status !== 0 || !existsSync(out)) return null;
  let text = readFileSync(out, "utf8");
  // wast2json 1.0.32 leaves out the commas between several expected values of assert_trap
  text = text.replace(/}\s*{/g, "}, {");
  const json = JSON.parse(text) as { commands: WastJsonCommand[] };
  const script: SpecScript = { file: shortName(path), modules: [], registers: [] };
  json.commands.forEach((c, order) => {
    if (c.type === "register") {
      script.registers.push({ as: c.as ?? "", name: c.name ?? "", order });
      return;
    }
    const expect = JSON_EXPECT[c.type];
    if (expect === undefined || c.filename === undefined) return;
    if (c.module_type !== undefined && c.module_type !== "binary") return; // text-level (quote) assertions
    const bytes = new Uint8Array(readFileSync(join(dir, c.filename)));
    script.modules.push({ file: script.file, line: c.line, expect, text: c.text ?? "", bytes, name: c.name ?? "", order });
  });
  return script;
}

// ---- the fallback: a reader of .wast text ----

interface Form {
  text: string;
  start: number;
}

/** Offsets of the top-level parenthesised forms of `src` (skipping comments and strings). */
function topLevelForms(src: string): Form[] {
  const forms: Form[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ";" && src[i + 1] === ";") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "(" && src[i + 1] === ";") {
      let nest = 1;
      i += 2;
      while (i < src.length && nest > 0) {
        if (src[i] === "(" && src[i + 1] === ";") {
          nest++;
          i += 2;
        } else if (src[i] === ";" && src[i + 1] === ")") {
          nest--;
          i += 2;
        } else i++;
      }
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "(") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ")") {
      depth--;
      if (depth === 0) forms.push({ text: src.slice(start, i + 1), start });
    }
    i++;
  }
  return forms;
}

/** The decoded bytes of every string literal in `s`, concatenated (the body of `(module binary "..." ...)`). */
function stringBytes(s: string): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  let i = 0;
  while (i < s.length) {
    if (s[i] === ";" && s[i + 1] === ";") {
      while (i < s.length && s[i] !== "\n") i++;
      continue;
    }
    if (s[i] !== '"') {
      i++;
      continue;
    }
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] === "\\") {
        const e = s[i + 1];
        if (/[0-9a-fA-F]/.test(e)) {
          out.push(parseInt(s.slice(i + 1, i + 3), 16));
          i += 3;
          continue;
        }
        const simple: Record<string, number> = { t: 9, n: 10, r: 13, '"': 34, "'": 39, "\\": 92 };
        if (e in simple) {
          out.push(simple[e]);
          i += 2;
          continue;
        }
        if (e === "u") {
          const close = s.indexOf("}", i);
          out.push(...enc.encode(String.fromCodePoint(parseInt(s.slice(i + 3, close), 16))));
          i = close + 1;
          continue;
        }
        throw new Error("bad escape in " + s.slice(i, i + 10));
      }
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out.push(...enc.encode(ch));
      i += ch.length;
    }
    i++;
  }
  return new Uint8Array(out);
}

/** The first (module ...) form inside an assertion, and what follows it. */
function innerModule(form: string): { module: string; rest: string } | null {
  const inner = topLevelForms(form.slice(1, -1));
  for (const f of inner) if (/^\(module\b/.test(f.text)) return { module: f.text, rest: form.slice(1 + f.start + f.text.length) };
  return null;
}

const FEATURES = {
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  sign_extension: true,
  sat_float_to_int: true,
  mutable_globals: true,
  tail_call: true,
  extended_const: true,
  multi_memory: true,
  custom_page_sizes: true,
};

interface Wabt {
  parseWat(name: string, text: string, features: object): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void };
}

let wabtInstance: Wabt | null = null;

async function wabt(): Promise<Wabt> {
  if (wabtInstance === null) {
    const require = createRequire(import.meta.url);
    const init = require("wabt") as () => Promise<Wabt>;
    wabtInstance = await init();
  }
  return wabtInstance;
}

/** Module bytes of a `(module ...)` form: binary strings as they are, text through wabt; null for `quote` or what wabt rejects. */
async function moduleBytes(form: string): Promise<Uint8Array | null> {
  const head = /^\(module(\s+\$[^\s()]+)?\s+(binary|quote)\b/.exec(form);
  if (head !== null) return head[2] === "binary" ? stringBytes(form.slice(head[0].length, -1)) : null;
  const w = await wabt();
  try {
    const mod = w.parseWat("m.wat", form, FEATURES);
    const bytes = mod.toBinary({}).buffer;
    mod.destroy();
    return new Uint8Array(bytes);
  } catch {
    return null;
  }
}

function lineOf(src: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

async function viaTextReader(path: string): Promise<SpecScript> {
  const src = readFileSync(path, "utf8");
  const script: SpecScript = { file: shortName(path), modules: [], registers: [] };
  const forms = topLevelForms(src);
  for (let order = 0; order < forms.length; order++) {
    const f = forms[order];
    const kind = /^\(\s*([a-z_]+)/.exec(f.text)?.[1] ?? "";
    const line = lineOf(src, f.start);
    if (kind === "register") {
      const m = /^\(register\s+"([^"]*)"\s*(\$[^\s()]+)?/.exec(f.text);
      if (m !== null) script.registers.push({ as: m[1], name: m[2] ?? "", order });
      continue;
    }
    if (kind === "module") {
      const bytes = await moduleBytes(f.text);
      const name = /^\(module\s+(\$[^\s()]+)/.exec(f.text)?.[1] ?? "";
      if (bytes !== null) script.modules.push({ file: script.file, line, expect: "load", text: "", bytes, name, order });
      continue;
    }
    const expect = JSON_EXPECT[kind];
    if (expect === undefined) continue;
    const inner = innerModule(f.text);
    if (inner === null) continue;
    const bytes = await moduleBytes(inner.module);
    const text = /"((?:[^"\\]|\\.)*)"/.exec(inner.rest)?.[1] ?? "";
    if (bytes !== null) script.modules.push({ file: script.file, line, expect, text, bytes, name: "", order });
  }
  return script;
}

/** Every spec script's modules; converts into a temp dir that is removed before returning. */
export async function loadSpecScripts(): Promise<SpecScript[]> {
  const dir = mkdtempSync(join(tmpdir(), "wasmcu-spec-"));
  const scripts: SpecScript[] = [];
  try {
    for (const path of specFiles()) scripts.push(viaWast2json(path, dir) ?? (await viaTextReader(path)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return scripts;
}
