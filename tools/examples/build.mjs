#!/usr/bin/env node
// `npm run examples [-- --force] [-- --lang c|rust|as]...`: builds the example
// modules of examples/{c,rust,as} into build/examples/<lang>/<name>.wasm,
// validates each with WebAssembly.validate and prints a table of their sizes
// and imports. Incremental: a module is rebuilt only when one of its sources
// (or this script, which holds the flags) is newer than it.
//
// A missing compiler is reported with the apt-get command that installs it;
// the languages that can be built still are, and the script exits 1.
// See examples/README.md for the flags and why each is there.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, readdirSync, accessSync, constants } from "node:fs";
import { delimiter, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { printTable } from "../lib/table.mjs";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const thisScript = fileURLToPath(import.meta.url);
export const outRoot = join(root, "build", "examples");

/** Every example: `kind` says which lifecycle it exports (command: _start; reactor: setup/loop). */
export const EXAMPLES = [
  ...["c", "rust", "as"].flatMap((lang) => [
    { lang, name: "hello", kind: "command" },
    { lang, name: "blink", kind: "command" },
    { lang, name: "reactor", kind: "reactor" },
  ]),
  // files in the module's folder: AssemblyScript has no WASI file API of its own
  { lang: "c", name: "counter", kind: "command" },
  { lang: "rust", name: "counter", kind: "command" },
  { lang: "c", name: "files", kind: "command" },
];

const SOURCE_EXT = { c: "c", rust: "rs", as: "ts" };
const LANG_NAMES = { c: "C", rust: "Rust", as: "AssemblyScript" };
/** The bindings file each language's examples include. */
const SHARED_SOURCE = { c: "examples/include/wasmcu.h", rust: "examples/rust/wasmcu.rs", as: "examples/as/wasmcu.ts" };

export function sourceOf(example) {
  return join(root, "examples", example.lang, `${example.name}.${SOURCE_EXT[example.lang]}`);
}

export function outputOf(example) {
  return join(outRoot, example.lang, `${example.name}.wasm`);
}

// ---- toolchain discovery ------------------------------------------------------

const pathDirs = (process.env.PATH || "").split(delimiter).filter(Boolean);

function findCommand(name) {
  for (const dir of pathDirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      /* next */
    }
  }
  return null;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function aptCommand(pkgs) {
  const sudo = isRoot ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${pkgs.join(" ")}`;
}

/** A toolchain that cannot be used: what is missing and how to install it. */
class Missing {
  constructor(what, install) {
    this.what = what;
    this.install = install;
  }
}

const C_PACKAGES = ["clang-19", "lld-19", "wasi-libc", "libclang-rt-19-dev-wasm32"];

function findClang() {
  const clang = findCommand("clang-19");
  const missing = (what) => new Missing(what, aptCommand(C_PACKAGES));
  if (!clang) return missing("clang-19 is not installed");
  if (!findCommand("wasm-ld-19")) return missing("wasm-ld-19 (lld-19) is not installed");
  if (!existsSync("/usr/lib/wasm32-wasi/libc.a") && !existsSync("/usr/share/wasi-sysroot/lib/wasm32-wasi/libc.a")) {
    return missing("the WASI C library (wasi-libc) is not installed");
  }
  const r = spawnSync(clang, ["--target=wasm32-wasi", "-print-libgcc-file-name"], { encoding: "utf8" });
  const builtins = (r.stdout || "").trim();
  if (r.status !== 0 || !existsSync(builtins)) {
    return missing(`clang's wasm32 runtime library ${builtins || "libclang_rt.builtins-wasm32.a"} is not installed`);
  }
  return { clang };
}

/**
 * A rustc whose standard library has a WASI target. rustup's toolchains come
 * first on many PATHs without one, so Debian's /usr/bin/rustc is tried too
 * ($RUSTC first of all). Debian's rustc 1.63 ships no rust-lld: it links with
 * wasm-ld-14 (lld-19 rejects the metadata member of 1.63's .rlib archives).
 */
function findRustc() {
  const candidates = [process.env.RUSTC, findCommand("rustc"), "/usr/bin/rustc"].filter((c) => c && existsSync(c));
  for (const rustc of new Set(candidates)) {
    const r = spawnSync(rustc, ["--print", "sysroot"], { encoding: "utf8" });
    if (r.status !== 0) continue;
    const sysroot = r.stdout.trim();
    const target = ["wasm32-wasi", "wasm32-wasip1"].find((t) => existsSync(join(sysroot, "lib", "rustlib", t, "lib")));
    if (!target) continue;
    const rustLld = join(sysroot, "lib", "rustlib", `${process.arch === "arm64" ? "aarch64" : "x86_64"}-unknown-linux-gnu`, "bin", "rust-lld");
    if (existsSync(rustLld)) return { rustc, target, linker: null };
    const wasmLd14 = findCommand("wasm-ld-14");
    if (!wasmLd14) {
      return new Missing(
        `${rustc} has no rust-lld, and wasm-ld-14 (lld-14, the linker of its LLVM) is not installed`,
        aptCommand(["lld-14"]),
      );
    }
    return { rustc, target, linker: wasmLd14 };
  }
  return new Missing("no rustc with the wasm32-wasi standard library", aptCommand(["rustc", "libstd-rust-dev-wasm32", "lld-14"]));
}

// The compiler runs in this process through its API (loading it takes a
// second or two: once for all three examples).
async function findAsc() {
  const asc = join(root, "node_modules", "assemblyscript", "dist", "asc.js");
  if (!existsSync(asc)) return new Missing("the assemblyscript npm package is not installed", "npm install (or npm run setup)");
  return { asc: (await import(pathToFileURL(asc).href)).default };
}

// ---- building -------------------------------------------------------------------

/** A build that failed: the compiler's own output. */
class BuildError extends Error {}

function runTool(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", cwd: root, ...options });
  if (r.error) throw new BuildError(`cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new BuildError(`${[cmd, ...args].join(" ")}\nfailed (${r.signal ?? `exit code ${r.status}`}):\n${r.stdout}${r.stderr}`);
  }
  // warnings are worth seeing, the build goes on
  const noise = (r.stdout + r.stderr).trim();
  if (noise) console.error(noise);
}

// Binaryen's optimizer, from the npm package (AssemblyScript's own). clang runs
// a wasm-opt it finds on PATH after linking, so without this the output would
// depend on PATH; rustc never does, so the Rust build runs it itself.
const wasmOptDir = join(root, "node_modules", "binaryen", "bin");
const wasmOpt = join(wasmOptDir, "wasm-opt");

function missingWasmOpt() {
  return existsSync(wasmOpt) ? null : new Missing("binaryen's wasm-opt (npm binaryen) is not installed", "npm install (or npm run setup)");
}

// C: -Os, then wasm-opt -Os; printf without floating point
// (-lc-printscan-no-floating-point: 11 KB instead of 16 KB); an 8 KiB stack
// and one 64 KiB page of memory (the default, a 64 KiB stack, makes two
// pages); no names or debug sections.
function buildC(tools, example, out) {
  const args = ["--target=wasm32-wasi", "-Os", "-Wall", "-Wextra", "-I", join(root, "examples", "include")];
  if (example.kind === "reactor") args.push("-mexec-model=reactor");
  args.push(sourceOf(example), "-lc-printscan-no-floating-point");
  args.push("-Wl,--strip-all", "-Wl,-z,stack-size=8192", "-Wl,--initial-memory=65536", "-o", out);
  runTool(tools.clang, args, { env: { ...process.env, PATH: wasmOptDir + delimiter + (process.env.PATH ?? "") } });
}

// Rust: a single-file crate built by rustc (no Cargo); a reactor is a cdylib
// exporting its #[no_mangle] functions. opt-level s with LTO, then wasm-opt
// -Os (about 54 KB rather than 75 KB: std's formatting and panic machinery);
// a 16 KiB stack and one page of memory (the default stack is 1 MiB).
function buildRust(tools, example, out) {
  const args = ["--edition", "2021", "--target", tools.target];
  if (example.kind === "reactor") args.push("--crate-type", "cdylib");
  args.push("-C", "opt-level=s", "-C", "lto=fat", "-C", "codegen-units=1", "-C", "strip=symbols");
  if (tools.linker) args.push("-C", `linker=${tools.linker}`);
  args.push("-C", "link-arg=-zstack-size=16384", "-C", "link-arg=--initial-memory=65536");
  args.push(sourceOf(example), "-o", out);
  // rustc leaves its object files in the output's folder when linking fails
  try {
    runTool(tools.rustc, args, { cwd: dirname(out) });
  } finally {
    for (const f of readdirSync(dirname(out))) if (f.endsWith(".rcgu.o")) rmSync(join(dirname(out), f));
  }
  runTool(wasmOpt, ["-Os", out, "-o", out]);
}

// AssemblyScript: -Osize without assertions; the stub runtime (a bump
// allocator that never frees); abort() replaced by the bindings' own, which
// prints to stderr and exits 134, so no env.abort import; a command's
// top-level code becomes its exported _start.
async function buildAs(tools, example, out) {
  const args = ["--baseDir", root, relative(root, sourceOf(example)), "-Osize", "--noAssert", "--runtime", "stub"];
  args.push("--use", "abort=examples/as/wasmcu/abortToStderr");
  if (example.kind === "command") args.push("--exportStart", "_start");
  args.push("-o", out);
  const { error, stdout, stderr } = await tools.asc.main(args, {});
  const output = `${stdout.toString()}${stderr.toString()}`.trim();
  if (error) throw new BuildError(`asc ${args.join(" ")}\nfailed: ${error.message}\n${output}`);
  if (output) console.error(output);
}

const BUILDERS = { c: [findClang, buildC], rust: [findRustc, buildRust], as: [findAsc, buildAs] };

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function isUpToDate(example) {
  const built = mtime(outputOf(example));
  const sources = [sourceOf(example), join(root, SHARED_SOURCE[example.lang]), thisScript];
  return built > 0 && sources.every((s) => mtime(s) < built);
}

/** "wasi: fd_write proc_exit; wasmcu: delay" from a compiled module's import list. */
export function describeImports(module) {
  const byModule = new Map();
  for (const imp of WebAssembly.Module.imports(module)) {
    const short = imp.module === "wasi_snapshot_preview1" ? "wasi" : imp.module;
    if (!byModule.has(short)) byModule.set(short, []);
    byModule.get(short).push(imp.name);
  }
  return [...byModule].map(([m, names]) => `${m}: ${names.join(" ")}`).join("; ") || "(none)";
}

/**
 * Builds the examples of the given languages (all by default). Returns
 * { results: [{example, path, bytes, imports, built}], missing: [{lang, what, install}],
 * failed: [{example, message}] }.
 */
export async function buildExamples(options = {}) {
  const langs = options.langs?.length ? options.langs : Object.keys(BUILDERS);
  const results = [];
  const missing = [];
  const failed = [];
  for (const lang of langs) {
    const [findTools, build] = BUILDERS[lang];
    const examples = EXAMPLES.filter((e) => e.lang === lang);
    const stale = examples.filter((e) => options.force || !isUpToDate(e));
    let tools = null;
    if (stale.length) {
      tools = lang === "as" ? null : missingWasmOpt();
      tools ??= await findTools();
      if (tools instanceof Missing) {
        missing.push({ lang, what: tools.what, install: tools.install });
        continue;
      }
    }
    mkdirSync(join(outRoot, lang), { recursive: true });
    for (const example of examples) {
      const out = outputOf(example);
      const built = stale.includes(example);
      if (built) {
        // a failed build must not leave an output that looks up to date
        const tmp = `${out}.${process.pid}.tmp`;
        rmSync(tmp, { force: true });
        try {
          await build(tools, example, tmp);
        } catch (e) {
          if (!(e instanceof BuildError)) throw e;
          failed.push({ example, message: e.message });
          rmSync(tmp, { force: true });
          continue;
        }
        renameSync(tmp, out);
      }
      const bytes = readFileSync(out);
      if (!WebAssembly.validate(bytes)) {
        failed.push({ example, message: `${relative(root, out)} does not validate (WebAssembly.validate)` });
        continue;
      }
      const imports = describeImports(new WebAssembly.Module(bytes));
      results.push({ example, path: out, bytes: bytes.length, imports, built });
    }
  }
  return { results, missing, failed };
}

function parseArgs(argv) {
  const options = { force: false, langs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--force") options.force = true;
    else if (a === "--lang" && BUILDERS[argv[i + 1]]) options.langs.push(argv[++i]);
    else {
      console.error(`usage: node tools/examples/build.mjs [--force] [--lang c|rust|as]...\n(unknown argument: ${a})`);
      process.exit(2);
    }
  }
  return options;
}

async function main() {
  const { results, missing, failed } = await buildExamples(parseArgs(process.argv.slice(2)));
  if (results.length) {
    const body = results.map((r) => [`${r.example.lang}/${r.example.name}`, r.bytes, r.built ? "built" : "up to date", r.imports]);
    printTable(["module", "bytes", "status", "imports"], body, [1]);
    console.log(`(in ${relative(process.cwd(), outRoot) || "."}/<lang>/<name>.wasm)`);
  }
  for (const f of failed) console.error(`\nexamples: ${f.example.lang}/${f.example.name} failed: ${f.message}`);
  for (const m of missing) {
    console.error(`\nexamples: cannot build the ${LANG_NAMES[m.lang]} examples: ${m.what}. Install it with:\n\n  ${m.install}\n`);
  }
  process.exit(failed.length || missing.length ? 1 : 0);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) main();
