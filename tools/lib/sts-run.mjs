// Build and run one Static TypeScript program both ways: stc -> C -> gcc, and
// esbuild -> Node. Shared by tools/start.mjs and bench/run.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const rel = (p) => relative(process.cwd(), p) || ".";

const stcBin = join(root, "tools/stc/bin.mjs");

/** Runs a command to completion; returns { ok, status, stdout, stderr, ms }. */
export function exec(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 64 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = (r.stderr ?? "") + (r.error ? `${cmd}: ${r.error.message}\n` : "");
  const status = r.status ?? (r.signal ? `signal ${r.signal}` : "no status");
  return { ok: r.status === 0 && !r.error, status, stdout: r.stdout ?? "", stderr, ms };
}

/** A failed step: message says what was run and why it failed. */
export class StepError extends Error {}

function check(step, r, what) {
  if (!r.ok) {
    throw new StepError(`${step} failed (exit ${r.status}): ${what}\n${(r.stderr + r.stdout).trim()}`);
  }
  return r;
}

/** stc: STS entry -> one C file (`extra`: more stc options, e.g. --no-main). */
export function stcBuild(entry, outC, extra = []) {
  if (!existsSync(stcBin)) throw new StepError(`stc is not there yet (${rel(stcBin)} is missing)`);
  mkdirSync(dirname(outC), { recursive: true });
  const args = [stcBin, "build", rel(entry), "-o", rel(outC), ...extra];
  return check("stc", exec(process.execPath, args, { cwd: process.cwd() }), `node ${args.map(rel).join(" ")}`);
}

export const gccStrict = ["-Wall", "-Wextra", "-Werror"];

/** gcc -std=c99 <flags> in.c -o out -lm (stc's C is self-contained: its runtime is pasted in). */
export function gcc(inC, out, flags) {
  mkdirSync(dirname(out), { recursive: true });
  const args = ["-std=c99", ...flags, rel(inC), "-o", rel(out), "-lm"];
  return check("gcc", exec("gcc", args, { cwd: process.cwd() }), `gcc ${args.join(" ")}`);
}

/** esbuild: STS entry -> one ES module for Node. */
export async function bundle(entry, outJs) {
  const esbuild = await import("esbuild");
  mkdirSync(dirname(outJs), { recursive: true });
  try {
    await esbuild.build({
      entryPoints: [entry],
      outfile: outJs,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "silent",
    });
  } catch (e) {
    throw new StepError(`esbuild failed on ${rel(entry)}:\n${e.message}`);
  }
}

/** Runs a built program; the C binary directly, a .mjs bundle under this Node. */
export function runProgram(program, args = []) {
  return program.endsWith(".mjs") || program.endsWith(".js")
    ? exec(process.execPath, [program, ...args])
    : exec(program, args);
}

/**
 * A copy of an STS program in `dir` with other values for its size constants
 * (lines `const NAME: i32 = value;`), its relative imports re-pointed.
 */
export function resizedCopy(file, sizes, dir) {
  let src = readFileSync(file, "utf8");
  for (const [k, v] of Object.entries(sizes)) {
    const re = new RegExp(`^(const ${k}: i32 = )[0-9_]+;`, "m");
    if (!re.test(src)) throw new Error(`${rel(file)} has no line 'const ${k}: i32 = ...;'`);
    src = src.replace(re, `$1${v};`);
  }
  src = src.replace(/(from\s+")(\.{1,2}\/[^"]*)"/g, (_, pre, spec) => {
    let p = relative(dir, resolve(dirname(file), spec)).split("\\").join("/");
    if (!p.startsWith(".")) p = "./" + p;
    return `${pre}${p}"`;
  });
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, file.split(/[\\/]/).pop());
  writeFileSync(copy, `// generated from ${rel(file)} with ${JSON.stringify(sizes)}\n${src}`);
  return copy;
}
