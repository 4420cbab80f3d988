// `npm run bench -- stc`: stc's C against hand-written C, and the same STS under Node.
//
// Each benchmark exists twice, doing the same work and printing the same line:
// bench/sts/NAME.ts (Static TypeScript) and bench/c/NAME.c (C by hand).
//   hand C:  gcc -std=c99 -O2 -DNDEBUG bench/c/NAME.c
//   stc C:   node tools/stc/bin.mjs build bench/sts/NAME.ts -o build/bench/NAME_sts.c,
//            gcc -std=c99 -O2 -DNDEBUG -Wall -Wextra -Werror
//   Node:    esbuild bundle of bench/sts/NAME.ts, run with this Node
// Times are whole-process wall times, best of --runs (default 5); Node's include
// its start-up (~40 ms). With valgrind installed, callgrind instruction counts
// of both C builds at a reduced size are printed too (exact and repeatable,
// unlike wall times on a shared machine).
//
// usage: node bench/stc.mjs [--runs N] [--instructions | --no-instructions] [NAME...]
// Exit status: 1 if any outputs differ (or a hand C build fails); never for speed.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { StepError, bundle, exec, gcc, gccStrict, resizedCopy, root, runProgram, stcBuild } from "../tools/lib/sts-run.mjs";
import { printTable } from "../tools/lib/table.mjs";

// name -> the size constants, and their reduced values for callgrind.
// Each constant is `#define NAME value` (overridable with -D) in the C file and
// `const NAME: i32 = value;` in the STS file.
const benchmarks = {
  sieve: { reduced: { REPS: 2 } },
  vm: { reduced: { ITERATIONS: 1000000 } },
};
const TARGET_RATIO = 1.25;

const { values: opts, positionals } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    instructions: { type: "boolean" },
    "no-instructions": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: true,
});
if (opts.help) {
  console.log("usage: node bench/stc.mjs [--runs N] [--instructions | --no-instructions] [" + Object.keys(benchmarks).join("|") + " ...]");
  process.exit(0);
}
const runs = Math.max(1, Number.parseInt(opts.runs, 10) || 5);
const names = positionals.length ? positionals : Object.keys(benchmarks);
for (const n of names) {
  if (!(n in benchmarks)) {
    console.error(`bench: unknown benchmark '${n}' (have: ${Object.keys(benchmarks).join(", ")})`);
    process.exit(2);
  }
}
const hasValgrind = exec("sh", ["-c", "command -v valgrind"]).ok;
if (opts.instructions && !hasValgrind) {
  console.error("bench: --instructions needs valgrind (apt-get install -y valgrind)");
  process.exit(2);
}
const countInstructions = hasValgrind && !opts["no-instructions"];

const out = join(root, "build/bench");
mkdirSync(out, { recursive: true });
const cFlags = ["-O2", "-DNDEBUG"];
let failed = false;

/** Builds one variant of a benchmark; each side is { program } or { error }. */
async function buildAll(name, sizes, tag) {
  const sts = join(root, "bench/sts", `${name}.ts`);
  const hand = join(root, "bench/c", `${name}.c`);
  const defs = Object.entries(sizes).map(([k, v]) => `-D${k}=${v}`);
  const entry = Object.keys(sizes).length ? resizedCopy(sts, sizes, join(out, `sts-${tag}`)) : sts;
  const sides = {};
  sides.hand = attempt(() => {
    const bin = join(out, `${name}_c${tag ? "_" + tag : ""}`);
    gcc(hand, bin, [...cFlags, ...defs]);
    return bin;
  });
  sides.stc = attempt(() => {
    const c = join(out, `${name}_sts${tag ? "_" + tag : ""}.c`);
    stcBuild(entry, c);
    gcc(c, c.slice(0, -2), [...cFlags, ...gccStrict]);
    return c.slice(0, -2);
  });
  const js = join(out, `${name}${tag ? "_" + tag : ""}.mjs`);
  sides.node = await attemptAsync(async () => (await bundle(entry, js), js));
  return sides;
}

function attempt(f) {
  try {
    return { program: f() };
  } catch (e) {
    if (e instanceof StepError) return { error: e.message };
    throw e;
  }
}
async function attemptAsync(f) {
  try {
    return { program: await f() };
  } catch (e) {
    if (e instanceof StepError) return { error: e.message };
    throw e;
  }
}

/** Best-of-N wall time; the output of the first run (all runs must agree). */
function time(program) {
  let best = Infinity;
  let output = null;
  for (let i = 0; i < runs; i++) {
    const r = runProgram(program);
    if (!r.ok) return { error: `exit ${r.status}: ${(r.stderr + r.stdout).trim().split("\n").slice(0, 5).join("\n")}` };
    if (output === null) output = r.stdout;
    else if (r.stdout !== output) return { error: `runs disagree: ${JSON.stringify(output)} vs ${JSON.stringify(r.stdout)}` };
    best = Math.min(best, r.ms);
  }
  return { ms: best, output };
}

function callgrind(program) {
  const r = exec("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", program]);
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr);
  if (!r.ok || !m) return { error: `valgrind failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}` };
  return { ir: Number(m[1]), output: r.stdout };
}

/** Compares the outputs of the sides that ran; reports and marks a mismatch. */
function agree(name, results, what) {
  const ran = Object.entries(results).filter(([, r]) => r.output !== undefined);
  const first = ran[0];
  const bad = ran.filter(([, r]) => r.output !== first[1].output);
  if (bad.length) {
    failed = true;
    console.log(`\n${name}${what}: OUTPUTS DIFFER`);
    for (const [side, r] of ran) console.log(`  ${side.padEnd(6)} ${JSON.stringify(r.output)}`);
    return false;
  }
  return true;
}

const fmtMs = (r) => (r.ms !== undefined ? r.ms.toFixed(1) : "-");
const fmtInt = (n) => n.toLocaleString("en-US");
const labels = { hand: "hand C", stc: "stc C", node: "Node" };
const rows = [];
const irRows = [];
const notes = [];

for (const name of names) {
  process.stderr.write(`bench: ${name}: building...`);
  const sides = await buildAll(name, {}, "");
  if (sides.hand.error) failed = true; // the hand C must always build
  const results = {};
  for (const side of ["hand", "stc", "node"]) {
    if (sides[side].error) {
      results[side] = { error: sides[side].error };
      continue;
    }
    process.stderr.write(` ${labels[side]} x${runs}...`);
    results[side] = time(sides[side].program);
  }
  process.stderr.write("\n");
  for (const side of ["hand", "stc", "node"]) {
    if (results[side].error) notes.push(`${name} ${labels[side]}: ${results[side].error.split("\n")[0]}`);
  }
  if (results.hand.error) failed = true;
  const same = agree(name, results, "");
  const ratio = results.hand.ms && results.stc.ms ? results.stc.ms / results.hand.ms : undefined;
  const output = Object.values(results).find((r) => r.output !== undefined)?.output.trim() ?? "";
  rows.push([name, fmtMs(results.hand), fmtMs(results.stc), ratio ? ratio.toFixed(2) : "-", fmtMs(results.node), same ? output : "DIFFER"]);

  if (countInstructions) {
    const sizes = benchmarks[name].reduced;
    process.stderr.write(`bench: ${name}: callgrind at ${JSON.stringify(sizes)}...\n`);
    const small = await buildAll(name, sizes, "small");
    const ir = {};
    for (const side of ["hand", "stc"]) {
      ir[side] = small[side].error ? { error: small[side].error } : callgrind(small[side].program);
    }
    // The Node run of the reduced STS checks the reduced outputs too.
    if (!small.node.error) {
      const r = runProgram(small.node.program);
      ir.node = r.ok ? { output: r.stdout } : { error: r.stderr };
    }
    agree(name, ir, ` (reduced: ${JSON.stringify(sizes)})`);
    const irRatio = ir.hand.ir && ir.stc.ir ? (ir.stc.ir / ir.hand.ir).toFixed(2) : "-";
    irRows.push([
      name,
      Object.entries(sizes).map(([k, v]) => `${k}=${v}`).join(" "),
      ir.hand.ir ? fmtInt(ir.hand.ir) : "-",
      ir.stc.ir ? fmtInt(ir.stc.ir) : "-",
      irRatio,
    ]);
  }
}


console.log(`\nwall time, best of ${runs} (ms; target for stc C / hand C: <= ${TARGET_RATIO})`);
printTable(["benchmark", "hand C", "stc C", "ratio", "Node", "output"], rows, [1, 2, 3, 4]);
if (irRows.length) {
  console.log("\ninstructions (valgrind --tool=callgrind, reduced sizes)");
  printTable(["benchmark", "size", "hand C", "stc C", "ratio"], irRows, [2, 3, 4]);
} else if (!hasValgrind) {
  console.log("\n(valgrind not installed: no instruction counts)");
}
if (notes.length) {
  console.log("\nnotes:");
  for (const n of notes) console.log(`  ${n}`);
}
if (failed) {
  console.log("\nbench: FAILED (outputs differ, or the hand-written C did not build/run)");
  process.exit(1);
}
