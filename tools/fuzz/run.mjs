#!/usr/bin/env node
// Differential fuzzing of our engine (core/engine) against Node's own V8.
//
//   npm run fuzz -- [--seconds N] [--seed S] [--mode validate|exec|both]
//                   [--engine bundle|tsx|c] [--input N [--count K]] [--save DIR]
//                   [--hang-ms MS] [--json]
//   npm run fuzz -- --check FILE...   replays saved findings (tests/fuzz/found)
//   npm run fuzz -- --protocol ...    the protocol decoder fuzzer (protocol.mjs)
//
// validate: mutants of the spec testsuite's and the benchmarks' modules; our
//           load() must accept exactly what WebAssembly.validate accepts.
// exec:     random valid modules; every exported function gives the same
//           results (bit for bit, NaNs as the spec allows), the same traps and
//           the same memory and globals on both.
// Every input is rebuilt from (seed, input number) alone: `--seed S --input N`
// replays one. Findings go to --save (default build/fuzz/found). Exits 1 on
// any mismatch, crash or hang.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// `--protocol`: the protocol decoder fuzzer, against boards instead of engines (protocol.mjs)
if (process.argv.includes("--protocol")) {
  const { main } = await import("./protocol.mjs");
  process.exit(await main(process.argv.slice(2).filter((a) => a !== "--protocol")));
}

// V8 11.3 needs a flag for extended constant expressions (tail calls are on by default in Node 20).
const V8_FLAGS = ["--experimental-wasm-extended-const", "--experimental-wasm-return-call"];
if (!V8_FLAGS.every((f) => process.execArgv.includes(f))) {
  const r = spawnSync(process.execPath, [...V8_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(r.status === null ? 1 : r.status);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { EngineHost, engineSource } = await import("./engine-host.mjs");
const { loadCorpus } = await import("./corpus.mjs");
const { runValidate } = await import("./validate.mjs");
const { runExec, runCase } = await import("./exec.mjs");
const { runExecC } = await import("./exec-c.mjs");
const { readCase } = await import("./findings.mjs");
const { classify, v8Verdict } = await import("./validate.mjs");

function parseArgs(argv) {
  const o = { seconds: 30, seed: null, mode: "both", engine: "bundle", input: null, count: null, save: join(root, "build/fuzz/found"), hangMs: 2000, json: false, check: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--seconds") o.seconds = Number(next());
    else if (a === "--seed") o.seed = Number(next()) >>> 0;
    else if (a === "--mode") o.mode = next();
    else if (a === "--engine") o.engine = next();
    else if (a === "--input") o.input = Number(next());
    else if (a === "--count") o.count = Number(next());
    else if (a === "--save") o.save = resolve(next());
    else if (a === "--hang-ms") o.hangMs = Number(next());
    else if (a === "--json") o.json = true;
    else if (a === "--check") o.check = [];
    else if (o.check !== null && !a.startsWith("--")) o.check.push(resolve(a));
    else if (a === "--help" || a === "-h") usage(null);
    else usage(`unknown argument ${a}`);
  }
  if (!["validate", "exec", "both"].includes(o.mode)) usage(`--mode must be validate, exec or both`);
  if (!["bundle", "tsx", "c"].includes(o.engine)) usage(`--engine must be bundle, tsx or c`);
  if (o.engine === "c" && (o.mode !== "exec" || o.check !== null)) usage(`--engine c is for --mode exec (the C build is compiled per batch of modules)`);
  if (!(o.seconds > 0)) usage(`--seconds must be a positive number`);
  return o;
}

function usage(problem) {
  const text =
    "usage: npm run fuzz -- [--seconds N] [--seed S] [--mode validate|exec|both] [--engine bundle|tsx|c] [--input N [--count K]] [--save DIR] [--hang-ms MS] [--json]\n" +
    "       npm run fuzz -- --check FILE...";
  if (problem) {
    console.error(`fuzz: ${problem}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

const opts = parseArgs(process.argv.slice(2));
const seed = opts.seed === null ? (Date.now() ^ (process.pid << 16)) >>> 0 : opts.seed;
const modes = opts.mode === "both" ? ["validate", "exec"] : [opts.mode];
const log = (line) => console.log(line);

const tEngine = performance.now();
const engine = await engineSource(root, opts.engine === "c" ? "bundle" : opts.engine);
const host = new EngineHost(engine, opts.hangMs);
await host.start();
const ready = `engine via ${opts.engine} (ready in ${(performance.now() - tEngine).toFixed(0)} ms)`;
if (opts.check === null) log(`fuzz: seed ${seed}, mode ${opts.mode}, ${opts.seconds} s, ${ready}`);
else log(`fuzz check: ${opts.check.length} files, ${ready}`);

if (opts.check !== null) process.exit(await check(opts.check));

/** Replays saved findings: an execution case (its calls are in the file) or a validation verdict. Returns the exit code. */
async function check(files) {
  const { readFileSync } = await import("node:fs");
  let failed = 0;
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const tc = readCase(bytes);
    let verdict;
    let bad;
    if (tc !== null) {
      const r = await runCase(bytes, tc, host, { verbose: true, log });
      bad = r.status !== "agree" && r.status !== "skipped";
      verdict = r.status === "agree" ? "same results on both" : r.status === "skipped" ? `skipped (${r.why})` : `${r.status}: ${r.what}`;
    } else {
      const o = (await host.validate([bytes]))[0];
      const c = classify(bytes, o, v8Verdict(bytes), opts.hangMs);
      bad = c.kind !== undefined;
      verdict = c.agree !== undefined ? `both ${c.agree ? "accept" : "refuse"} it` : c.skip ? `skipped (${c.skip})` : `${c.kind}: ${c.detail.split("\n")[0]}`;
    }
    if (bad) failed++;
    log(`${bad ? "FAIL" : "PASS"} ${file}: ${verdict}`);
  }
  await host.close();
  log(`fuzz check: ${files.length - failed} of ${files.length} pass`);
  return failed > 0 ? 1 : 0;
}

const all = [];
for (const mode of modes) {
  const common = {
    seed,
    seconds: opts.seconds / modes.length,
    host,
    log,
    saveDir: opts.save,
    hangMs: opts.hangMs,
    first: opts.input === null ? 0 : opts.input,
    count: opts.input === null ? opts.count : opts.count || 1,
    verbose: opts.input !== null,
  };
  if (mode === "validate") {
    const corpus = await loadCorpus(root, log);
    all.push(await runValidate({ ...common, corpus }));
  } else if (opts.engine === "c") {
    all.push(await runExecC({ ...common, root }));
  } else {
    all.push(await runExec(common));
  }
}
await host.close();

let bad = 0;
for (const s of all) {
  bad += s.mismatches + s.crashes + s.hangs;
  const rate = s.inputs / s.seconds;
  const skipped = Object.entries(s.skippedBy).map(([k, v]) => `${k} ${v}`).join(", ");
  if (s.mode === "validate") {
    log(
      `fuzz validate: ${s.inputs} inputs in ${s.seconds.toFixed(1)} s (${rate.toFixed(0)}/s; engine ${(s.engineMs / 1000).toFixed(1)} s, V8 ${(s.v8Ms / 1000).toFixed(1)} s, slowest load ${s.slowestMs.toFixed(0)} ms); ` +
        `agree: ${s.agreeAccepted} accepted, ${s.agreeRefused} refused; mismatches ${s.mismatches}, skipped ${s.skipped}${skipped ? ` (${skipped})` : ""}, crashes ${s.crashes}, hangs ${s.hangs}`,
    );
  } else {
    log(
      `fuzz ${s.mode}: ${s.inputs} modules, ${s.calls} calls in ${s.seconds.toFixed(1)} s (${rate.toFixed(1)} modules/s); ` +
        `agree: ${s.agreeCalls} calls (${s.agreeTraps} traps); mismatches ${s.mismatches}, skipped ${s.skipped}${skipped ? ` (${skipped})` : ""}, crashes ${s.crashes}, hangs ${s.hangs}`,
    );
  }
  for (const f of s.findings) log(`  ${f.kind} x${f.count} (input ${f.input}): ${f.detail.split("\n")[0]}${f.file ? `\n    -> ${f.file}` : ""}`);
}
if (opts.json) console.log("FUZZ-JSON " + JSON.stringify({ seed, stats: all }));
process.exit(bad > 0 ? 1 : 0);
