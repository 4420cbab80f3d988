// What a backend needs before it runs: the JS bundle of session.ts (js and
// c: the engine in-process, and the Trap codes) and the native driver (c),
// built by stc + gcc once per content of its sources (cached under
// build/spec/driver/, keyed by a hash of every file that goes into it).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { exec, root, stcBuild } from "../lib/sts-run.mjs";

const specDir = join(root, "tools/spec");
const buildDir = join(root, "build/spec");

/** Bundles session.ts (and the engine) into one ES module; returns its path. */
export async function bundleSession() {
  const esbuild = await import("esbuild");
  const out = join(buildDir, "session.mjs");
  mkdirSync(buildDir, { recursive: true });
  const r = await esbuild.build({
    entryPoints: [join(specDir, "session.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, r.outputFiles[0].contents);
  renameSync(tmp, out); // atomic: a concurrent run never sees half a file
  return out;
}

function filesUnder(dir, exts) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .sort()
    .map((f) => join(dir, f));
}

/** The hash of everything the driver is made of: core/, the spec driver, stc itself, and the gcc flags. */
function driverHash(flags) {
  const h = createHash("sha256");
  const files = [
    ...filesUnder(join(root, "core"), [".ts"]),
    join(specDir, "driver.ts"),
    join(specDir, "session.ts"),
    join(specDir, "driver.native.c"),
    ...filesUnder(join(root, "tools/stc"), [".ts", ".h", ".mjs"]),
  ];
  for (const f of files) {
    h.update(relative(root, f) + "\0");
    h.update(readFileSync(f));
    h.update("\0");
  }
  h.update(flags.join(" "));
  return h.digest("hex").slice(0, 16);
}

/**
 * The native driver, built if its sources changed. `release` builds with
 * -DNDEBUG (no STS run-time checks); by default a program error in the engine
 * (an index out of range...) stops the driver with its location, which the
 * runner reports. Returns { exe, built: boolean, ms }.
 */
export function buildDriver(release) {
  const flags = ["-O2", ...(release ? ["-DNDEBUG"] : [])];
  const hash = driverHash(flags);
  const dir = join(buildDir, "driver");
  const exe = join(dir, `driver-${hash}`);
  if (existsSync(exe)) return { exe, built: false, ms: 0 };
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const cFile = join(dir, `driver-${hash}.${process.pid}.c`);
  stcBuild(join(specDir, "driver.ts"), cFile);
  const tmp = `${exe}.${process.pid}.tmp`;
  const r = exec("gcc", ["-std=c99", ...flags, "-Wall", "-Wextra", cFile, join(specDir, "driver.native.c"), "-o", tmp, "-lm"]);
  if (!r.ok) throw new Error(`gcc failed on the driver:\n${r.stderr.trim()}`);
  renameSync(tmp, exe);
  renameSync(cFile, join(dir, "driver.c"));
  for (const old of readdirSync(dir)) {
    if (/^driver-[0-9a-f]{16}$/.test(old) && join(dir, old) !== exe) rmSync(join(dir, old), { force: true });
  }
  return { exe, built: true, ms: Date.now() - t0 };
}
