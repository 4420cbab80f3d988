// Shared helpers for the stc test suites: run a program under Node (esbuild
// bundle), build it with stc and gcc, run `stc check --json`, and a small
// promise pool so that independent compiles run a few at a time.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const STC_BIN = path.join(ROOT, "tools/stc/bin.mjs");
export const CORPUS_DIR = path.join(ROOT, "tests/stc/corpus");
export const REJECTED_DIR = path.join(ROOT, "tests/stc/rejected");
export const DOCS_FILE = path.join(ROOT, "docs/static-typescript.md");

/** Flags every gcc build uses; the brief of the project: C99, warning-free. */
export const GCC_FLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Werror"];
export const ARM_GCC = "arm-none-eabi-gcc";
export const ARM_FLAGS = ["-std=c99", "-mcpu=cortex-m0plus", "-mthumb", "-Os", "-Wall", "-Wextra", "-Werror", "-c"];

// ---------------------------------------------------------------- promise pool

/** Returns a function that runs at most `n` of the tasks given to it at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    active--;
    const next = waiting.shift();
    if (next) next();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        active++;
        task().then(resolve, reject).finally(release);
      };
      if (active < n) start();
      else waiting.push(start);
    });
}

/** Maps `items` through `fn`, at most `n` at a time, keeping the order. */
export async function pool<T, R>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const lim = limiter(n);
  return Promise.all(items.map((item, i) => lim(() => fn(item, i))));
}

/** How many external processes (gcc, stc, node, the programs) run at once in one test file. */
export const JOBS = Math.max(1, Number(process.env.STC_TEST_JOBS) || Math.min(4, Math.max(2, os.cpus().length)));
const processSlot = limiter(JOBS);

// ---------------------------------------------------------------- processes

export interface RunResult {
  /** exit code, or null when the process died from a signal */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout exactly as written, for byte-for-byte comparisons */
  stdoutBytes: Buffer;
  timedOut: boolean;
  command: string;
}

export interface RunOptions {
  cwd?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command (through the shared process pool) and collects its output. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return processSlot(
    () =>
      new Promise<RunResult>((resolve) => {
        const command = [cmd, ...args].map(quote).join(" ");
        const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, opts.timeoutMs ?? 60_000);
        child.stdout.on("data", (b: Buffer) => out.push(b));
        child.stderr.on("data", (b: Buffer) => err.push(b));
        child.on("error", (e) => {
          clearTimeout(timer);
          resolve({ code: 127, signal: null, stdout: "", stderr: String(e), stdoutBytes: Buffer.alloc(0), timedOut, command });
        });
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          const stdoutBytes = Buffer.concat(out);
          resolve({ code, signal, stdout: stdoutBytes.toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), stdoutBytes, timedOut, command });
        });
      }),
  );
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A one-line summary of a finished process, for failure messages. */
export function describeRun(r: RunResult): string {
  const status = r.timedOut ? "timed out" : r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
  const tail = (s: string): string => (s.length > 4000 ? "…" + s.slice(-4000) : s);
  return `$ ${r.command}\n(${status})\n--- stderr ---\n${tail(r.stderr)}\n--- stdout ---\n${tail(r.stdout)}`;
}

// ---------------------------------------------------------------- temp dirs

let tempRoot: string | null = null;
let tempCounter = 0;

/** A fresh directory under os.tmpdir() (one root per test process). */
export function tempDir(name: string): string {
  if (tempRoot === null) tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "stc-tests-"));
  const dir = path.join(tempRoot, `${String(tempCounter++).padStart(3, "0")}-${name.replace(/[^\w.-]/g, "_")}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes everything tempDir() created in this process (call from afterAll). */
export function cleanupTemp(): void {
  if (tempRoot !== null && !process.env.STC_KEEP_TEMP) fs.rmSync(tempRoot, { recursive: true, force: true });
  tempRoot = null;
}

// ---------------------------------------------------------------- natives

/** `dir/NN-x.ts` -> `dir/NN-x.native.<ext>` when that file exists. */
export function nativeFile(entry: string, ext: "c" | "mjs"): string | null {
  const f = entry.replace(/\.ts$/, `.native.${ext}`);
  return fs.existsSync(f) ? f : null;
}

// ---------------------------------------------------------------- Node side

/** Bundles `entry` with esbuild into a temp dir and runs it with node. */
export async function runNode(entry: string, timeoutMs = 30_000): Promise<RunResult> {
  const dir = tempDir(path.basename(entry, ".ts") + "-node");
  const outfile = path.join(dir, "bundle.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "silent",
    absWorkingDir: ROOT,
  });
  const args: string[] = [];
  const native = nativeFile(entry, "mjs");
  if (native !== null) args.push("--import", pathToFileURL(native).href);
  args.push(outfile);
  return run(process.execPath, args, { timeoutMs });
}

// ---------------------------------------------------------------- stc

/** `node tools/stc/bin.mjs build <entry> -o <outC> [extra...]`, as a user runs it. */
export function stcBuildCli(entry: string, outC: string, extra: readonly string[] = []): Promise<RunResult> {
  return run(process.execPath, [STC_BIN, "build", entry, "-o", outC, ...extra], { timeoutMs: 120_000 });
}

/**
 * The same as `stc build`, in this process: the compiler's own `compile()` and
 * the CLI's diagnostic format, without a Node start and a TypeScript library
 * parse per program (most of the suite's time otherwise).
 */
export async function stcBuild(entry: string, outC: string, extra: readonly string[] = []): Promise<RunResult> {
  const { compile } = await import("../../tools/stc/compile.ts");
  const { formatDiagnostic } = await import("../../tools/stc/diagnostics.ts");
  const command = `stc build ${entry} -o ${outC} ${extra.join(" ")} (in process)`;
  const { diagnostics, c } = compile([entry], { noMain: extra.includes("--no-main") });
  const stderr = diagnostics.sorted().map((d) => formatDiagnostic(d) + "\n").join("");
  if (c) fs.writeFileSync(outC, c);
  return { code: c ? 0 : 1, signal: null, stdout: "", stderr, stdoutBytes: Buffer.alloc(0), timedOut: false, command };
}

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  rule: string;
  message: string;
}

export interface CheckResult {
  code: number | null;
  diagnostics: Diagnostic[];
  run: RunResult;
}

/** `node tools/stc/bin.mjs check --json <files...>`, with the diagnostics parsed. */
export async function stcCheckJson(files: readonly string[]): Promise<CheckResult> {
  const r = await run(process.execPath, [STC_BIN, "check", "--json", ...files], { timeoutMs: 120_000 });
  let diagnostics: unknown;
  try {
    diagnostics = JSON.parse(r.stdout);
  } catch {
    throw new Error(`stc check --json did not print a JSON array\n${describeRun(r)}`);
  }
  if (!Array.isArray(diagnostics)) throw new Error(`stc check --json printed JSON that is not an array\n${describeRun(r)}`);
  return { code: r.code, diagnostics: diagnostics as Diagnostic[], run: r };
}

/** The same as `stc check --json`, in this process (see stcBuild). */
export async function stcCheck(files: readonly string[]): Promise<CheckResult> {
  const { compile } = await import("../../tools/stc/compile.ts");
  const { diagnostics } = compile([...files]);
  const list = diagnostics.sorted();
  const stdout = JSON.stringify(list);
  const r: RunResult = { code: list.length ? 1 : 0, signal: null, stdout, stderr: "", stdoutBytes: Buffer.from(stdout), timedOut: false, command: `stc check ${files.join(" ")} (in process)` };
  return { code: r.code, diagnostics: list, run: r };
}

/** The absolute path a diagnostic names (the CLI runs with the repository as cwd). */
export function diagnosticPath(d: Diagnostic): string {
  return path.resolve(ROOT, d.file);
}

export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  if (ds.length === 0) return "(no diagnostics)";
  return ds.map((d) => `${d.file}:${d.line}:${d.col}: [${d.rule}] ${d.message}`).join("\n");
}

// ---------------------------------------------------------------- gcc

/**
 * gcc -std=c99 -O2 -Wall -Wextra -Werror [extra] <cFile> [native.c] -o <exe> -lm.
 * When `entry` is given and `<entry>.native.c` exists next to it, it is compiled in.
 */
export function gccBuild(cFile: string, exe: string, extra: readonly string[] = [], entry?: string): Promise<RunResult> {
  const sources = [cFile];
  const native = entry === undefined ? null : nativeFile(entry, "c");
  if (native !== null) sources.push(native);
  return run("gcc", [...GCC_FLAGS, ...extra, ...sources, "-o", exe, "-lm"], { timeoutMs: 180_000 });
}

export function hasCommand(cmd: string): boolean {
  const r = spawnSync(cmd, ["--version"], { stdio: "ignore" });
  return r.error === undefined && r.status === 0;
}

export const ARM_MISSING_MESSAGE =
  "arm-none-eabi-gcc was not found. Run `npm test`: its set-up step (tools/setup.mjs) installs the ARM cross compiler (Debian package gcc-arm-none-eabi).";

/** arm-none-eabi-gcc -std=c99 -mcpu=cortex-m0plus -mthumb -Os -Wall -Wextra -Werror -c <cFile> -o <obj> */
export function armCompile(cFile: string, obj: string, extra: readonly string[] = []): Promise<RunResult> {
  if (!hasCommand(ARM_GCC)) throw new Error(ARM_MISSING_MESSAGE);
  return run(ARM_GCC, [...ARM_FLAGS, ...extra, cFile, "-o", obj], { timeoutMs: 180_000 });
}

/** Runs a built executable. */
export function runExe(exe: string, timeoutMs = 30_000): Promise<RunResult> {
  return run(exe, [], { timeoutMs });
}

export interface CBuildResult {
  ok: boolean;
  /** the failing step's output when ok is false */
  failure: string;
  cFile: string;
  exe: string;
}

/** stc build + gcc build of one entry into a fresh temp dir. */
export async function buildC(entry: string, gccExtra: readonly string[] = []): Promise<CBuildResult> {
  const dir = tempDir(path.basename(entry, ".ts") + "-c");
  const cFile = path.join(dir, path.basename(entry, ".ts") + ".c");
  const exe = path.join(dir, path.basename(entry, ".ts"));
  const s = await stcBuild(entry, cFile);
  if (s.code !== 0 || !fs.existsSync(cFile)) return { ok: false, failure: `stc build failed\n${describeRun(s)}`, cFile, exe };
  const g = await gccBuild(cFile, exe, gccExtra, entry);
  if (g.code !== 0) return { ok: false, failure: `gcc failed\n${describeRun(g)}`, cFile, exe };
  return { ok: true, failure: "", cFile, exe };
}

// ---------------------------------------------------------------- corpus

/** The corpus programs: tests/stc/corpus/NN-*.ts, sorted (helper modules live in lib/). */
export function corpusPrograms(): string[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => /^\d\d+-.*\.ts$/.test(f) && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => path.join(CORPUS_DIR, f));
}

// ---------------------------------------------------------------- diffs

/** A readable diff of two outputs: the first differing line with context, then a line-by-line listing. */
export function describeDiff(expected: string, actual: string, expectedName = "node", actualName = "c"): string {
  if (expected === actual) return "(identical)";
  const e = expected.split("\n");
  const a = actual.split("\n");
  let first = 0;
  while (first < e.length && first < a.length && e[first] === a[first]) first++;
  const lines: string[] = [];
  lines.push(`outputs differ from line ${first + 1} (${expectedName}: ${e.length} lines, ${actualName}: ${a.length} lines)`);
  const from = Math.max(0, first - 3);
  const to = Math.min(Math.max(e.length, a.length), first + 12);
  for (let i = from; i < to; i++) {
    const el = i < e.length ? e[i] : undefined;
    const al = i < a.length ? a[i] : undefined;
    if (el === al) {
      lines.push(`  ${String(i + 1).padStart(4)}   ${JSON.stringify(el)}`);
    } else {
      if (el !== undefined) lines.push(`- ${String(i + 1).padStart(4)} ${expectedName.padEnd(5)} ${JSON.stringify(el)}`);
      if (al !== undefined) lines.push(`+ ${String(i + 1).padStart(4)} ${actualName.padEnd(5)} ${JSON.stringify(al)}`);
    }
  }
  let differing = 0;
  for (let i = 0; i < Math.max(e.length, a.length); i++) if (e[i] !== a[i]) differing++;
  lines.push(`${differing} line(s) differ in total`);
  return lines.join("\n");
}
