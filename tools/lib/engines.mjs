// The two builds of the engine with WASI that host tools run, each cached under
// build/exec/ and rebuilt when one of its sources changes:
//   - the JS engine: core/ bundled by esbuild into one ES module (runCommand,
//     Limits), run under Node with the HAL of ports/sim;
//   - the C engine: ports/posix/exec.ts compiled by stc, linked with the posix
//     HAL by gcc -O2 into the `wasmcu-exec` program.
// A build is keyed by a hash of its sources' contents; a finished build is
// renamed into place, so concurrent builders never see half a file.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { exec, root, stcBuild, StepError } from "./sts-run.mjs";

export { StepError };

const outDir = join(root, "build/exec");

/** Every file under dir (relative to the repository) whose name ends with one of exts, sorted. */
function sourcesUnder(dir, exts) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => join(abs, f))
    .sort();
}

/** A hash of the files' names and contents, and of `extra`. */
function hashOf(files, extra) {
  const h = createHash("sha256");
  h.update(extra);
  for (const f of files) {
    h.update(relative(root, f));
    h.update("\0");
    h.update(readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

const stampOf = (target) => `${target}.sources`;

/** Whether `target` was built from sources with this hash. */
function upToDate(target, hash) {
  return existsSync(target) && existsSync(stampOf(target)) && readFileSync(stampOf(target), "utf8") === hash;
}

/** Moves a finished build (and its stamp) into place. */
function install(tmp, target, hash) {
  renameSync(tmp, target);
  const stampTmp = `${stampOf(target)}.${process.pid}`;
  writeFileSync(stampTmp, hash);
  renameSync(stampTmp, stampOf(target));
}

const jsBundle = join(outDir, "wasmcu-exec-js.mjs");

/** The JS engine's entry: what the CLI needs from core/. */
const jsEntry = `export { runCommand, EXIT_TRAP, EXIT_NOT_RUN } from "./core/wasi/command";
export { Limits } from "./core/engine/types";
`;

/**
 * Builds (when stale) and imports the JS engine: { runCommand, Limits, EXIT_TRAP,
 * EXIT_NOT_RUN }. The HAL natives (ports/sim/hal.mjs installHal) must be on
 * globalThis before runCommand is called.
 */
export async function loadJsEngine() {
  const hash = hashOf(sourcesUnder("core", [".ts"]), jsEntry);
  if (!upToDate(jsBundle, hash)) {
    const esbuild = await import("esbuild");
    mkdirSync(outDir, { recursive: true });
    const tmp = `${jsBundle}.${process.pid}.mjs`;
    try {
      await esbuild.build({
        stdin: { contents: jsEntry, resolveDir: root, loader: "ts", sourcefile: "wasmcu-exec-js.ts" },
        outfile: tmp,
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node20",
        logLevel: "silent",
      });
    } catch (e) {
      throw new StepError(`esbuild could not bundle the engine (core/):\n${e.message}`);
    }
    install(tmp, jsBundle, hash);
  }
  return import(`${jsBundle}?${hash}`);
}

/**
 * The C engine's build: release (-O2 -DNDEBUG) by default; `debug` keeps stc's
 * run-time checks (array indices, integer ranges) for working on the engine.
 */
function cFlags(debug) {
  return debug ? ["-O1", "-g"] : ["-O2", "-DNDEBUG"];
}

/**
 * Builds (when stale) the C engine and returns the path of the `wasmcu-exec`
 * program (usage in ports/posix/exec.ts). `log(message)` hears about a build
 * before it starts (it takes a while).
 */
export function buildCEngine({ debug = false, log = () => {} } = {}) {
  const name = debug ? "wasmcu-exec-debug" : "wasmcu-exec";
  const binary = join(outDir, name);
  const sources = [
    ...sourcesUnder("core", [".ts"]),
    ...sourcesUnder("ports/posix", [".ts", ".c", ".h"]),
    ...sourcesUnder("tools/stc", [".ts", ".mjs", ".h"]),
  ];
  const flags = ["-std=c99", ...cFlags(debug), "-D_GNU_SOURCE", "-Wall", "-Wextra"];
  const hash = hashOf(sources, flags.join(" "));
  if (upToDate(binary, hash)) return binary;
  log(`building the C engine (${name}): stc + gcc, once per change of its sources`);
  const work = join(outDir, `${name}.${process.pid}.d`);
  mkdirSync(work, { recursive: true });
  stcBuild(join(root, "ports/posix/exec.ts"), join(work, "wasmcu-exec.c"), ["--no-main"]);
  const tmp = join(work, name);
  const r = exec("gcc", [...flags, "-I", work, join(root, "ports/posix/main.c"), "-o", tmp, "-lm"]);
  if (!r.ok) throw new StepError(`gcc could not build the C engine (exit ${r.status}):\n${(r.stderr + r.stdout).trim()}`);
  install(tmp, binary, hash);
  rmSync(work, { recursive: true, force: true });
  return binary;
}
