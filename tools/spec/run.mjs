#!/usr/bin/env node
// The spec-test runner: `npm run spec [-- options] [scripts...]`.
//
//   --backend B        js (default): the engine in-process; c: the engine
//                      compiled by stc + gcc (tools/spec/driver.ts); v8: Node's
//                      own WebAssembly (checks the runner). A comma list runs several.
//   --verbose, -v      every failure: script:line, command, what differed
//   --expect FILE      compare with recorded counts (tools/spec/expected.json):
//                      exit 1 only on a regression (fewer passes, more failures,
//                      a script without a record)
//   --update-expected  write the counts of this run into the expectations file
//   --jobs N           scripts run at once (default: the number of cores)
//   --timeout S        seconds a script may take (default 120)
//   --release          the C driver built with -DNDEBUG (no STS run-time checks)
//   --strict-errors    assert_malformed needs a decoding error and assert_invalid
//                      a validation error (by default either rejection passes)
//   scripts            names ("i32", "tail-call/return_call") or .wast paths;
//                      default: every script of the testsuite
//
// Without --expect the exit code is 1 when any assertion that is not skipped fails.
import { readFileSync, existsSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import { convertScripts, listScripts } from "./convert.mjs";
import { buildDriver, bundleSession } from "./prepare.mjs";
import { runScript } from "./script.mjs";
import { compareExpected, mergeExpected, writeExpected } from "./expected.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const defaultExpect = join(here, "expected.json");
const backends = ["js", "c", "v8"];

function usage(message) {
  console.error(`spec: ${message}\nusage: npm run spec -- [--backend js|c|v8[,...]] [--verbose] [--expect FILE] [--update-expected] [--jobs N] [--timeout S] [--release] [--strict-errors] [scripts...]`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { backends: ["js"], verbose: false, expect: null, update: false, jobs: availableParallelism(), timeoutS: 120, release: false, strictErrors: false, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === "--backend") o.backends = value().split(",");
    else if (a === "--verbose" || a === "-v") o.verbose = true;
    else if (a === "--expect") o.expect = resolve(value());
    else if (a === "--update-expected") o.update = true;
    else if (a === "--jobs") o.jobs = Math.max(1, Number(value()) | 0);
    else if (a === "--timeout") o.timeoutS = Number(value());
    else if (a === "--release") o.release = true;
    else if (a === "--strict-errors") o.strictErrors = true;
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else o.names.push(a);
  }
  for (const b of o.backends) if (!backends.includes(b)) usage(`unknown backend ${b}`);
  // a .wast path -> its script name
  const all = listScripts();
  o.names = o.names.map((n) => {
    if (!n.endsWith(".wast")) return n;
    const full = resolve(n);
    const s = all.find((x) => x.wast === full) ?? all.find((x) => x.name === basename(n, ".wast") || x.name.endsWith("/" + basename(n, ".wast")));
    return s ? s.name : n;
  });
  return o;
}

/** Runs jobs ({ backend, script }) on `slots` concurrent lanes, each with one worker per backend. */
async function runJobs(jobs, slots, workerData, timeoutMs, onResult) {
  const queue = [...jobs];
  const workerFile = join(here, "worker.mjs");
  async function lane() {
    const workers = new Map();
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      let w = workers.get(job.backend);
      if (w === undefined) {
        w = new Worker(workerFile, { workerData: { ...workerData, backend: job.backend } });
        workers.set(job.backend, w);
      }
      const outcome = await new Promise((resolveJob) => {
        const done = (m) => {
          clearTimeout(timer);
          w.off("message", done);
          w.off("error", crashed);
          resolveJob(m);
        };
        const crashed = (e) => done({ error: `worker crashed: ${e && e.stack ? e.stack : e}`, dead: true });
        const timer = setTimeout(() => done({ error: `timed out after ${timeoutMs / 1000} s`, dead: true }), timeoutMs);
        w.on("message", done);
        w.on("error", crashed);
        w.postMessage(job.script);
      });
      if (outcome.dead) {
        await w.terminate();
        workers.delete(job.backend);
      }
      onResult(job, outcome.result ?? failedWhole(job.script, outcome.error));
    }
    for (const w of workers.values()) await w.terminate();
  }
  await Promise.all(Array.from({ length: Math.min(slots, jobs.length) }, lane));
}

/** A script that could not run at all: every counted command fails. */
function failedWhole(script, why) {
  let count = 1;
  if (script.json && existsSync(script.json)) {
    count = JSON.parse(readFileSync(script.json, "utf8")).commands.filter((c) => c.type !== "register").length;
  }
  return { name: script.name, passed: 0, failed: count, skipped: 0, failures: [{ line: 0, command: "(script)", detail: why }] };
}

function printTable(backend, scripts, results, comparison) {
  const w = Math.max(30, ...scripts.map((s) => s.name.length)) + 2;
  const num = (n) => String(n).padStart(8);
  console.log(`\n${"script".padEnd(w)}  passed  failed skipped   (backend ${backend})`);
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const s of scripts) {
    const r = results.get(s.name);
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    const note = comparison?.notes.get(s.name);
    console.log(`${s.name.padEnd(w)}${num(r.passed)}${num(r.failed)}${num(r.skipped)}${note ? "   " + note : ""}`);
  }
  console.log(`${`total (${backend})`.padEnd(w)}${num(total.passed)}${num(total.failed)}${num(total.skipped)}`);
  return total;
}

async function main() {
  const t0 = Date.now();
  const o = parseArgs(process.argv.slice(2));
  if (o.backends.includes("v8")) {
    // V8 11.3 has these proposals behind flags; process-wide, so set before any worker starts
    v8.setFlagsFromString("--experimental-wasm-return-call");
    v8.setFlagsFromString("--experimental-wasm-extended-const");
  }
  const scripts = await convertScripts(o.names);

  // A backend that cannot be built fails every script (and so regresses against its record).
  const workerData = { sessionBundle: null, driver: null, requestTimeoutMs: 30000, strictErrors: o.strictErrors };
  const unbuilt = new Map();
  const firstLines = (e) => String(e && e.message ? e.message : e).split("\n").slice(0, 30).join("\n");
  if (o.backends.includes("js") || o.backends.includes("c")) {
    try {
      workerData.sessionBundle = await bundleSession();
    } catch (e) {
      unbuilt.set("js", `the engine did not bundle: ${firstLines(e)}`);
      unbuilt.set("c", unbuilt.get("js"));
    }
  }
  if (o.backends.includes("c") && !unbuilt.has("c")) {
    try {
      const d = buildDriver(o.release);
      if (d.built) console.log(`spec: built the C driver in ${(d.ms / 1000).toFixed(1)} s (${d.exe})`);
      workerData.driver = d.exe;
    } catch (e) {
      unbuilt.set("c", `the C driver did not build: ${firstLines(e)}`);
    }
  }
  for (const [b, why] of unbuilt) if (o.backends.includes(b)) console.log(`spec: backend ${b}: ${why}`);

  const results = new Map(o.backends.map((b) => [b, new Map()]));
  const jobs = [];
  for (const b of o.backends) {
    for (const s of scripts) {
      if (s.error) results.get(b).set(s.name, failedWhole(s, s.error));
      else if (unbuilt.has(b) && !s.simd) results.get(b).set(s.name, failedWhole(s, unbuilt.get(b)));
      else if (s.simd) results.get(b).set(s.name, await runScript(s, null));
      else jobs.push({ backend: b, script: s, size: readFileSync(s.json).length });
    }
  }
  jobs.sort((a, b) => b.size - a.size); // longest first: the lanes finish together
  await runJobs(jobs, o.jobs, workerData, o.timeoutS * 1000, (job, r) => results.get(job.backend).set(job.script.name, r));

  const expectFile = o.expect ?? defaultExpect;
  const expected = o.expect && existsSync(expectFile) ? JSON.parse(readFileSync(expectFile, "utf8")) : null;
  let failedAny = false;
  let regressions = [];
  for (const b of o.backends) {
    const res = results.get(b);
    if (o.verbose) {
      for (const s of scripts) {
        for (const f of res.get(s.name).failures) console.log(`${b} ${s.name}.wast:${f.line}: ${f.command}\n    ${f.detail}`);
      }
    }
    if (o.verbose) {
      const slow = scripts.map((s) => res.get(s.name)).filter((r) => r.ms !== undefined).sort((x, y) => y.ms - x.ms).slice(0, 5);
      console.log(`${b}: slowest scripts: ${slow.map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s`).join(", ")}`);
    }
    const comparison = expected ? compareExpected(expected[b] ?? {}, scripts, res, o.names.length === 0) : null;
    const total = printTable(b, scripts, res, comparison);
    if (total.failed > 0) failedAny = true;
    if (comparison) regressions = regressions.concat(comparison.regressions.map((r) => `${b}: ${r}`));
  }

  if (o.update) {
    const data = existsSync(expectFile) ? JSON.parse(readFileSync(expectFile, "utf8")) : {};
    for (const b of o.backends) mergeExpected(data, b, scripts, results.get(b), o.names.length === 0);
    writeExpected(expectFile, data);
    console.log(`spec: wrote ${expectFile}`);
  }
  console.log(`spec: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (expected) {
    if (regressions.length) {
      console.log(`spec: ${regressions.length} regression(s) against ${expectFile}:\n  ${regressions.join("\n  ")}`);
      return exitAfterOutput(1);
    }
    console.log(`spec: no regression against ${expectFile}`);
    return exitAfterOutput(0);
  }
  return exitAfterOutput(failedAny && !o.update ? 1 : 0);
}

await main();

/**
 * Exits once stdout has taken everything written to it: a plain
 * process.exit() can drop the end of the table when stdout is a pipe that is
 * full (as under the test runner, on a loaded machine).
 */
function exitAfterOutput(code) {
  process.exitCode = code;
  process.stdout.write("", () => process.exit(code));
}
