// Cached builds of the host tools' programs, shared by engines.mjs (the
// engine: JS bundle and wasmcu-exec) and native-board.mjs (the native
// firmware). A build is keyed by a hash of its sources' contents and its
// options; a finished build is renamed into place with a stamp beside it, so
// concurrent builders never see half a file.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { exec, root, stcBuild, StepError } from "./sts-run.mjs";

/** Every file under dir (relative to the repository) whose name ends with one of exts, sorted. */
export function sourcesUnder(dir, exts) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => join(abs, f))
    .sort();
}

/** A hash of the files' names and contents, and of `extra`. */
export function hashOf(files, extra) {
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
export function upToDate(target, hash) {
  return existsSync(target) && existsSync(stampOf(target)) && readFileSync(stampOf(target), "utf8") === hash;
}

/** Moves a finished build (and its stamp) into place. */
export function install(tmp, target, hash) {
  renameSync(tmp, target);
  const stampTmp = `${stampOf(target)}.${process.pid}`;
  writeFileSync(stampTmp, hash);
  renameSync(stampTmp, stampOf(target));
}

/**
 * The C build flags of a program: release (-O2 -DNDEBUG) by default; `debug`
 * keeps stc's run-time checks (array indices, integer ranges).
 */
export function cFlags(debug) {
  return ["-std=c99", ...(debug ? ["-O1", "-g"] : ["-O2", "-DNDEBUG"]), "-D_GNU_SOURCE", "-Wall", "-Wextra"];
}

/**
 * Builds (when stale) an STS program for the desktop: `entry` (repository
 * path) compiled by stc --no-main into `<generated>` in a work folder, then
 * `mainC` (which includes it) compiled by gcc with `flags`. `sources` (absolute
 * paths) and the flags decide staleness. Returns the binary's path,
 * `<outDir>/<name>`; `log(message)` hears about a build before it starts.
 */
export function buildStcProgram({ name, what, entry, generated, mainC, outDir, sources, flags, log = () => {} }) {
  const binary = join(outDir, name);
  const hash = hashOf(sources, `${entry}\0${mainC}\0${flags.join(" ")}`);
  if (upToDate(binary, hash)) return binary;
  log(`building ${what} (${name}): stc + gcc, once per change of its sources`);
  const work = join(outDir, `${name}.${process.pid}.d`);
  mkdirSync(work, { recursive: true });
  try {
    stcBuild(join(root, entry), join(work, generated), ["--no-main"]);
    const tmp = join(work, name);
    const r = exec("gcc", [...flags, "-I", work, join(root, mainC), "-o", tmp, "-lm"]);
    if (!r.ok) throw new StepError(`gcc could not build ${what} (exit ${r.status}):\n${(r.stderr + r.stdout).trim()}`);
    install(tmp, binary, hash);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
