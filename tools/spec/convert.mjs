// Converts the spec testsuite's .wast scripts into JSON command lists (the
// format of wabt's wast2json) under build/spec/<name>/, once: a script is
// converted again only when it, or this converter, is newer than its JSON.
//
// Two routes, one output format:
//  - Debian's wast2json 1.0.32 (on PATH) with --enable-tail-call and
//    --enable-extended-const, for almost every script. Its JSON is repaired
//    before parsing: for an assert_trap / assert_exhaustion of a function with
//    several results it writes the "expected" objects without commas.
//  - wast-reader.mjs (our own script reader + node_modules/wabt) for
//    proposals/custom-page-sizes, whose `(pagesize N)` 1.0.32 cannot parse,
//    and for every script on which wast2json fails (newer 2.0 syntax).
//
// Names: a top-level script is its base name ("i32"), a proposal's script is
// "<proposal>/<base>" ("tail-call/return_call"). SIMD scripts (simd_*.wast)
// are converted too, so the runner can count their skipped assertions.
//
//   node tools/spec/convert.mjs [names...]     convert and list (route, commands)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "../lib/sts-run.mjs";
import { WastReader } from "./wast-reader.mjs";

const defaultSuite = "/work/shared/spec-testsuite";
/** The testsuite (WASMCU_SPEC_TESTSUITE: another one, converted into its own build directory). */
export const suiteDir = process.env.WASMCU_SPEC_TESTSUITE ?? defaultSuite;
export const outRoot =
  suiteDir === defaultSuite ? join(root, "build/spec") : join(root, "build/spec-suites", createHash("sha256").update(suiteDir).digest("hex").slice(0, 12));
const here = fileURLToPath(new URL(".", import.meta.url));
const converterFiles = [join(here, "convert.mjs"), join(here, "wast-reader.mjs")];

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : -1);

/** Every script of the testsuite: { name, wast, simd, customPageSizes }, top level first, sorted. */
export function listScripts() {
  const scripts = [];
  const add = (dir, prefix) => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".wast")).sort()) {
      const base = f.slice(0, -5);
      scripts.push({
        name: prefix + base,
        wast: join(dir, f),
        simd: base.startsWith("simd_"),
        customPageSizes: prefix === "custom-page-sizes/",
      });
    }
  };
  add(suiteDir, "");
  const proposals = join(suiteDir, "proposals");
  if (existsSync(proposals)) {
    for (const p of readdirSync(proposals).sort()) add(join(proposals, p), p + "/");
  }
  return scripts;
}

/** wast2json 1.0.32 writes `"expected": [{...}{...}]` for traps of multi-result functions. */
export function repairJson(text) {
  return text.replace(/\}\s*\{/g, "}, {");
}

let reader = null;
let cpsReader = null;
async function readerFor(script) {
  if (script.customPageSizes) return (cpsReader ??= await WastReader.create({ customPageSizes: true }));
  return (reader ??= await WastReader.create({ customPageSizes: false }));
}

/**
 * Converts one script if needed; returns { ...script, dir, json, route } or, when
 * neither route can read it, { ...script, error }.
 */
export async function convertScript(script) {
  const dir = join(outRoot, script.name);
  const base = basename(script.name);
  const json = join(dir, base + ".json");
  const newest = Math.max(mtime(script.wast), ...converterFiles.map(mtime));
  if (mtime(json) >= newest) {
    const route = JSON.parse(readFileSync(json, "utf8")).converter;
    return { ...script, dir, json, route };
  }
  // converted into a private directory, then moved into place: a concurrent run never reads half a conversion
  const tmp = `${dir}.tmp-${process.pid}`;
  const fresh = () => {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
  };
  const publish = (data) => {
    writeFileSync(join(tmp, base + ".json"), JSON.stringify(data));
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return { ...script, dir, json, route: data.converter };
  };
  fresh();
  let why = "";
  if (!script.customPageSizes) {
    const out = join(tmp, base + ".json");
    const r = spawnSync("wast2json", ["--enable-tail-call", "--enable-extended-const", script.wast, "-o", out], { encoding: "utf8" });
    if (r.status === 0) {
      const data = JSON.parse(repairJson(readFileSync(out, "utf8")));
      data.converter = "wast2json";
      return publish(data);
    }
    why = r.error ? r.error.message : (r.stderr || `exit ${r.status ?? r.signal}`).split("\n")[0];
    fresh();
  }
  try {
    const data = (await readerFor(script)).convert(readFileSync(script.wast), script.wast, tmp, base);
    data.converter = script.customPageSizes ? "reader+wat2wasm" : "reader+wabt.js";
    if (why) data.wast2json_error = why;
    return publish(data);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    return { ...script, error: `cannot convert: ${e.message}${why ? ` (wast2json: ${why})` : ""}` };
  }
}

/** Converts the scripts whose names are in `names` (all when empty). */
export async function convertScripts(names) {
  const all = listScripts();
  const chosen = names.length ? all.filter((s) => names.includes(s.name)) : all;
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) throw new Error(`no such spec script: ${unknown.join(", ")} (names look like "i32" or "tail-call/return_call")`);
  const out = [];
  for (const s of chosen) out.push(await convertScript(s));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const converted = await convertScripts(process.argv.slice(2));
  for (const s of converted) {
    if (s.error) console.log(`${s.name.padEnd(40)} ${s.error}`);
    else console.log(`${s.name.padEnd(40)} ${s.route.padEnd(16)} ${JSON.parse(readFileSync(s.json, "utf8")).commands.length} commands`);
  }
}
