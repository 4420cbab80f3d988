#!/usr/bin/env node
// npm run soak -- [--cuts N] [--cycles N] [--seed S] [--targets native,sim] [--verbose]
//
// The long runs of the reliability tests (the bounded ones are in
// tests/soak/): power cuts on the native board (powercut.mjs) and
// install/run/stop/rm cycles on the native board and the simulator
// (cycles.mjs). Without --cuts or --cycles it runs both, 50 cuts and 100
// cycles. Prints the figures at the end; exits 1 when a cut failed or
// something did not come back to its baseline.
import { parseArgs } from "node:util";
import { runPowerCuts } from "./powercut.mjs";
import { TARGETS, runCycles } from "./cycles.mjs";

const usage = "usage: npm run soak -- [--cuts N] [--cycles N] [--seed S] [--targets native,sim] [--verbose]";

function count(text, what) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    console.error(`soak: ${what} wants a whole number, not '${text}'\n${usage}`);
    process.exit(2);
  }
  return Number(text);
}

let options;
try {
  options = parseArgs({
    options: {
      cuts: { type: "string" },
      cycles: { type: "string" },
      seed: { type: "string" },
      targets: { type: "string" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (e) {
  console.error(`soak: ${e.message}\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
let cuts = count(options.cuts, "--cuts");
let cycles = count(options.cycles, "--cycles");
if (cuts === undefined && cycles === undefined) {
  cuts = 50;
  cycles = 100;
}
const seed = count(options.seed, "--seed") ?? (Date.now() % 100000);
const targets = options.targets ? options.targets.split(",") : TARGETS;
for (const t of targets) {
  if (!TARGETS.includes(t)) {
    console.error(`soak: no target '${t}' (${TARGETS.join(", ")})`);
    process.exit(2);
  }
}
const say = (line) => console.log(`soak: ${line}`);
let failed = false;

if (cuts > 0) {
  say(`${cuts} power cuts on the native board, seed ${seed}`);
  let last = performance.now();
  const f = await runPowerCuts({
    cuts,
    seed,
    log: (m) => say(m),
    progress: (line) => {
      // every cut with --verbose; otherwise failures, and a sign of life every 10 s
      if (options.verbose || line.includes("FAILED") || performance.now() - last > 10000) {
        last = performance.now();
        say(line);
      }
    },
  });
  const kinds = Object.entries(f.byKind)
    .map(([k, v]) => `${k} ${v.old + v.new + v.failed} (old ${v.old}, new ${v.new}${v.failed ? `, FAILED ${v.failed}` : ""})`)
    .join("; ");
  say(`power cuts: ${f.old + f.new} of ${cuts} survived in ${f.seconds.toFixed(0)} s (seed ${seed})`);
  say(`  old state kept ${f.old}, new state ${f.new}, failures ${f.failures.length}; ${f.acknowledged} cut after the board acknowledged; ${f.doubleCuts} cut again while booting`);
  say(`  by operation: ${kinds}`);
  say(`  time: ${Object.entries(f.phaseSeconds).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(", ")}; ${f.setupInstalls} installs uncut between cuts`);
  for (const x of f.failures) say(`  FAILED cut ${x.cut} (seed ${seed}): ${x.op}: ${x.message}; flash images in ${x.images}`);
  if (f.failures.length > 0) failed = true;
}

if (cycles > 0) {
  say(`${cycles} install/run/stop/rm cycles on ${targets.join(" and ")}, seed ${seed}`);
  const r = await runCycles({ cycles, seed, targets, progress: (line) => say(line) });
  for (const t of r.targets) {
    say(`${t.target}: ${t.cycles} cycles in ${t.seconds.toFixed(1)} s`);
    if (t.start && t.end) {
      say(`  free RAM ${t.start.ramFree} -> ${t.end.ramFree} B (of ${t.end.ramTotal}); free flash ${t.start.flashFree} -> ${t.end.flashFree} B (of ${t.end.flashTotal})`);
      if (t.start.board) say(`  board process: RSS ${t.start.board.rssKb} -> ${t.end.board.rssKb} kB, descriptors ${t.start.board.fds} -> ${t.end.board.fds}`);
    }
    const res = (h) => Object.entries(h.resources).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
    say(`  this process: descriptors ${t.host.before.fds} -> ${t.host.after.fds}; handles and timers ${res(t.host.before)} -> ${res(t.host.after)}`);
    for (const p of t.problems) say(`  PROBLEM: ${p}`);
    if (t.problems.length > 0) failed = true;
  }
}

say(failed ? "FAILED" : "all good");
process.exit(failed ? 1 : 0);
