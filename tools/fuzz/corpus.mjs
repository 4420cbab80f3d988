// The validation fuzzer's seeds: every module of the spec testsuite's .wast
// scripts (valid ones, and the binary ones of assert_malformed/assert_invalid)
// plus the benchmark modules. Converted once with Debian's wast2json and
// cached under build/fuzz/corpus; the scripts this wabt 1.0.32 cannot parse
// (newer syntax, custom page sizes) are split into their module forms here and
// converted with npm wabt instead.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";

const SPEC = "/work/shared/spec-testsuite";
const BENCH = "/work/shared/bench/wasm";

/** The .wast scripts used as seeds: core (without SIMD, which the engine does not implement) and the proposals the engine has. */
export function wastFiles() {
  const files = [];
  if (!existsSync(SPEC)) return files;
  for (const f of readdirSync(SPEC).sort()) {
    if (f.endsWith(".wast") && !f.startsWith("simd_")) files.push({ group: "core", path: join(SPEC, f) });
  }
  for (const p of ["tail-call", "extended-const", "custom-page-sizes"]) {
    const dir = join(SPEC, "proposals", p);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".wast")) files.push({ group: p, path: join(dir, f) });
  }
  return files;
}

/**
 * Loads the seed corpus, converting what is not cached yet. Returns
 * [{ name, bytes }]; `log` gets one line per script that needed the fallback.
 */
export async function loadCorpus(root, log = () => {}) {
  const cache = join(root, "build/fuzz/corpus");
  mkdirSync(cache, { recursive: true });
  const seeds = [];
  for (const w of wastFiles()) {
    const name = w.group + "-" + basename(w.path, ".wast");
    const dir = join(cache, name);
    if (!existsSync(join(dir, ".done"))) await convert(w, name, dir, log);
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith(".wasm")) seeds.push({ name: name + "/" + f, bytes: new Uint8Array(readFileSync(join(dir, f))) });
    }
  }
  if (existsSync(BENCH)) {
    for (const f of readdirSync(BENCH).sort()) {
      if (f.endsWith(".wasm")) seeds.push({ name: "bench/" + f, bytes: new Uint8Array(readFileSync(join(BENCH, f))) });
    }
  }
  return seeds;
}

async function convert(w, name, dir, log) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = spawnSync("wast2json", ["--enable-tail-call", "--enable-extended-const", w.path, "-o", join(dir, name + ".json")], {
    encoding: "utf8",
  });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const n = await convertByForms(readFileSync(w.path, "utf8"), name, dir, w.group === "custom-page-sizes");
    log(`corpus: ${basename(w.path)}: wast2json cannot parse it; ${n} modules converted with npm wabt`);
  }
  writeFileSync(join(dir, ".done"), "");
}

const ALL_FEATURES = {
  exceptions: true,
  tail_call: true,
  extended_const: true,
  function_references: true,
  gc: true,
  memory64: true,
  multi_memory: true,
  simd: true,
  threads: true,
};
let wabtApi = null;

async function convertByForms(text, name, dir, customPageSizes) {
  let n = 0;
  const req = createRequire(import.meta.url);
  if (wabtApi === null) wabtApi = await req("wabt")();
  const wat2wasm = join(req.resolve("wabt/package.json"), "..", "bin", "wat2wasm");
  for (const f of moduleForms(text)) {
    const out = join(dir, `${name}.${n}.wasm`);
    if (f.kind === "binary") {
      writeFileSync(out, f.bytes);
      n++;
    } else if (!customPageSizes) {
      // npm wabt (newer than Debian's), every feature on, no validation: invalid modules are good seeds too
      let m = null;
      try {
        m = wabtApi.parseWat("form.wat", f.text, ALL_FEATURES);
        writeFileSync(out, m.toBinary({}).buffer);
        n++;
      } catch {
        // a form that does not parse even here (an assert_malformed text module): not a seed
      } finally {
        if (m) m.destroy();
      }
    } else {
      // the JS API has no custom-page-sizes switch; the CLI has (one process per module)
      const watFile = join(dir, "form.wat");
      writeFileSync(watFile, f.text);
      const r = spawnSync(process.execPath, [wat2wasm, "--enable-all", "--enable-custom-page-sizes", "--no-check", watFile, "-o", out]);
      if (r.status === 0 && existsSync(out)) n++;
      else rmSync(out, { force: true });
      rmSync(watFile, { force: true });
    }
  }
  return n;
}

/**
 * The `(module ...)` forms of a .wast script, at top level or inside an
 * assertion: { kind: "binary", bytes } for `(module binary "...")`,
 * { kind: "text", text } for a text module; quoted modules are left out.
 */
export function moduleForms(text) {
  const out = [];
  let depth = 0;
  let i = 0;
  const starts = [];
  while (i < text.length) {
    const c = text[i];
    if (c === ";" && text[i + 1] === ";") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "(" && text[i + 1] === ";") {
      let nest = 1;
      i += 2;
      while (i < text.length && nest > 0) {
        if (text[i] === "(" && text[i + 1] === ";") (nest++, (i += 2));
        else if (text[i] === ";" && text[i + 1] === ")") (nest--, (i += 2));
        else i++;
      }
      continue;
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "(") {
      if (depth <= 1 && /^\(module\b/.test(text.slice(i, i + 8))) starts.push({ at: i, depth });
      depth++;
    } else if (c === ")") {
      depth--;
      const s = starts.length ? starts[starts.length - 1] : null;
      if (s && s.depth === depth) {
        starts.pop();
        const form = text.slice(s.at, i + 1);
        const head = form.slice(7).trimStart().replace(/^\$[^\s()]+\s*/, "");
        if (head.startsWith("binary")) out.push({ kind: "binary", bytes: wastStrings(head.slice(6)) });
        else if (!head.startsWith("quote") && !head.startsWith("definition") && !head.startsWith("instance"))
          out.push({ kind: "text", text: form });
      }
    }
    i++;
  }
  return out;
}

/** The concatenated bytes of the string literals in a `(module binary ...)` form. */
function wastStrings(s) {
  const bytes = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '"') {
      i++;
      continue;
    }
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] !== "\\") {
        for (const b of Buffer.from(s[i], "utf8")) bytes.push(b);
        i++;
        continue;
      }
      const e = s[i + 1];
      const simple = { n: 10, t: 9, r: 13, '"': 34, "'": 39, "\\": 92 };
      if (e in simple) {
        bytes.push(simple[e]);
        i += 2;
      } else if (e === "u") {
        const close = s.indexOf("}", i);
        const cp = parseInt(s.slice(i + 3, close), 16);
        for (const b of Buffer.from(String.fromCodePoint(cp), "utf8")) bytes.push(b);
        i = close + 1;
      } else {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 3;
      }
    }
    i++;
  }
  return new Uint8Array(bytes);
}
