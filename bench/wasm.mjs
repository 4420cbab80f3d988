// `npm run bench -- wasm`: the engine's C build (`wasmcu exec --engine c`, the
// program tools/lib/engines.mjs builds with stc + gcc -O2) on the benchmark
// modules of ../shared/bench/wasm, next to the peer interpreters' figures in
// ../shared/bench/BASELINE.md (read from its tables, not copied here).
//
//   wall time:     default sizes, best of --runs (default 3), whole process
//   instructions:  valgrind --tool=callgrind at the reduced sizes listed in
//                  ../shared/bench/expected.txt (exact and repeatable)
//   RAM:           what the engine allocates per loaded module beyond its
//                  linear memory, as the C build reports it (--stats)
// Every run's output must be the line in expected.txt.
//
// usage: node bench/wasm.mjs [--runs N] [--no-instructions] [--no-wall] [NAME...]
// Exit status: 1 if an output is wrong or a run fails; never for speed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildCEngine } from "../tools/lib/engines.mjs";
import { exec, root } from "../tools/lib/sts-run.mjs";
import { printTable } from "../tools/lib/table.mjs";

const shared = join(root, "../shared/bench");
const { values: opts, positionals } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "no-instructions": { type: "boolean" },
    "no-wall": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: true,
});
if (opts.help) {
  console.log("usage: node bench/wasm.mjs [--runs N] [--no-instructions] [--no-wall] [NAME...]");
  process.exit(0);
}
if (!existsSync(join(shared, "expected.txt"))) {
  console.error(`bench: ${join(shared, "expected.txt")} is missing: the benchmark modules live in ../shared/bench next to this repository`);
  process.exit(2);
}
const runs = Math.max(1, Number.parseInt(opts.runs, 10) || 3);

// expected.txt: "<name> <args or -> | <line>"; the first entry of a name is its default size, the second its reduced size.
const cases = new Map();
for (const raw of readFileSync(join(shared, "expected.txt"), "utf8").split("\n")) {
  if (!raw.trim() || raw.startsWith("#")) continue;
  const [lhs, line] = raw.split(" | ");
  const [name, ...rest] = lhs.trim().split(/\s+/);
  const args = rest.join(" ") === "-" ? [] : rest;
  if (!cases.has(name)) cases.set(name, { full: { args, line }, reduced: null });
  else cases.get(name).reduced = { args, line };
}
const names = positionals.length ? positionals : [...cases.keys()];
for (const n of names) {
  if (!cases.has(n)) {
    console.error(`bench: unknown benchmark '${n}' (have: ${[...cases.keys()].join(", ")})`);
    process.exit(2);
  }
}

/** Rows of the markdown table under the heading that starts with `title`: arrays of cell texts. */
function markdownTable(text, title) {
  const start = text.indexOf(title);
  if (start < 0) return [];
  const rows = [];
  let inTable = false;
  for (const line of text.slice(start).split("\n").slice(1)) {
    if (line.startsWith("|")) {
      inTable = true;
      rows.push(line.split("|").slice(1, -1).map((c) => c.trim()));
    } else if (inTable) break;
  }
  return rows.slice(2); // header and separator
}
const baselineText = readFileSync(join(shared, "BASELINE.md"), "utf8");
const num = (s) => Number(String(s).replace(/,/g, ""));
// T2: "bench (best / median) | native | wasm3 | wamr-classic | wamr-fast", seconds
const peerWall = new Map(markdownTable(baselineText, "### T2.").map((r) => [r[0], { native: num(r[1].split("/")[0]), wasm3: num(r[2].split("/")[0]), wamrFast: num(r[4].split("/")[0]) }]));
// T4: "bench | args | native | wasm3 | wamr-classic | wamr-fast", instructions
const peerIr = new Map(markdownTable(baselineText, "### T4.").map((r) => [r[0], { native: num(r[2]), wasm3: num(r[3]), wamrFast: num(r[5]) }]));

process.stderr.write("bench: building the C engine (stc + gcc -O2)...\n");
const engine = buildCEngine({ log: (m) => process.stderr.write(`bench: ${m}\n`) });
const module = (name) => join(shared, "wasm", `${name}.wasm`);
let failed = false;
const notes = [];

function run(name, c, extra = []) {
  const t0 = process.hrtime.bigint();
  const r = exec(engine, [...extra, module(name), ...c.args]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = r.stdout.trim();
  if (!r.ok || out !== c.line) {
    failed = true;
    notes.push(`${name} ${c.args.join(" ")}: ${r.ok ? `printed ${JSON.stringify(out)}, expected ${JSON.stringify(c.line)}` : `exit ${r.status}: ${r.stderr.trim().split("\n")[0]}`}`);
    return null;
  }
  return { ms, stderr: r.stderr };
}

const hasValgrind = exec("sh", ["-c", "command -v valgrind"]).ok;
const rows = [];
const irRows = [];
const ramRows = [];
for (const name of names) {
  const c = cases.get(name);
  if (!opts["no-wall"]) {
    process.stderr.write(`bench: ${name} ${c.full.args.join(" ")} x${runs}...\n`);
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const r = run(name, c.full);
      if (!r) break;
      best = Math.min(best, r.ms);
    }
    const peer = peerWall.get(name);
    const ours = Number.isFinite(best) ? best / 1000 : NaN;
    rows.push([name, c.full.args.join(" ") || "-", fmtS(ours), peer ? fmtS(peer.wasm3) : "-", peer ? fmtS(peer.wamrFast) : "-", peer ? fmtX(ours / peer.wasm3) : "-", peer ? fmtX(ours / peer.native) : "-"]);
  }
  const stats = run(name, c.reduced ?? c.full, ["--stats"]);
  const s = stats ? parseStats(stats.stderr) : null;
  if (s) ramRows.push([name, fmtInt(s["module-bytes"]), fmtInt(s["module-struct-bytes"]), fmtInt(s["code-bytes"]), fmtInt(s["instance-bytes"]), fmtInt(s["frame-bytes"]), fmtInt(s["engine-bytes"]), fmtInt(s["linear-memory-bytes"]), fmtInt(s["value-stack-bytes"])]);
  if (hasValgrind && !opts["no-instructions"] && c.reduced) {
    process.stderr.write(`bench: ${name} ${c.reduced.args.join(" ")} under callgrind...\n`);
    const r = exec("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", engine, module(name), ...c.reduced.args]);
    const m = /Collected\s*:\s*(\d+)/.exec(r.stderr);
    if (!r.ok || !m || r.stdout.trim() !== c.reduced.line) {
      failed = true;
      notes.push(`${name} under callgrind: ${r.ok ? r.stdout.trim() : r.stderr.trim().split("\n").slice(-2).join(" ")}`);
      continue;
    }
    const ir = Number(m[1]);
    const peer = peerIr.get(name);
    irRows.push([name, c.reduced.args.join(" ") || "-", fmtInt(ir), peer ? fmtInt(peer.wasm3) : "-", peer ? fmtInt(peer.wamrFast) : "-", peer ? fmtX(ir / peer.wasm3) : "-", peer ? fmtX(ir / peer.native) : "-"]);
  }
}

function parseStats(text) {
  const line = text.split("\n").find((l) => l.startsWith("wasmcu-stats:"));
  if (!line) return null;
  return Object.fromEntries(line.slice("wasmcu-stats:".length).trim().split(/\s+/).map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)]));
}
function fmtS(s) {
  return Number.isFinite(s) ? s.toFixed(3) : "-";
}
function fmtX(x) {
  return Number.isFinite(x) ? x.toFixed(2) + "x" : "-";
}
function fmtInt(n) {
  return Number.isFinite(n) ? n.toLocaleString("en-US") : "-";
}
const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

if (rows.length) {
  console.log(`\nwall time, best of ${runs} (s): wasmcu C build vs BASELINE.md T2 (best of 7)`);
  printTable(["benchmark", "args", "wasmcu", "wasm3", "wamr-fast", "vs wasm3", "vs native"], rows, [2, 3, 4, 5, 6]);
  const r = rows.map((x) => parseFloat(x[5])).filter(Number.isFinite);
  if (r.length) console.log(`geomean vs wasm3: ${geomean(r).toFixed(2)}x`);
}
if (irRows.length) {
  console.log("\ninstructions (callgrind, reduced sizes): wasmcu vs BASELINE.md T4");
  printTable(["benchmark", "args", "wasmcu", "wasm3", "wamr-fast", "vs wasm3", "vs native"], irRows, [2, 3, 4, 5, 6]);
  const r = irRows.map((x) => parseFloat(x[5])).filter(Number.isFinite);
  if (r.length) console.log(`geomean vs wasm3: ${geomean(r).toFixed(2)}x (below 1 = fewer instructions than wasm3)`);
} else if (!hasValgrind) {
  console.log("\n(valgrind not installed: no instruction counts; apt-get install -y valgrind)");
}
if (ramRows.length) {
  console.log("\nRAM per loaded module (bytes, C build, at the end of the run): engine = module structures + internal code + instance + frames, everything beyond linear memory and the value stack");
  printTable(["benchmark", "module", "structures", "code", "instance", "frames", "engine", "linear memory", "value stack"], ramRows, [1, 2, 3, 4, 5, 6, 7, 8]);
}
if (notes.length) {
  console.log("\nnotes:");
  for (const n of notes) console.log(`  ${n}`);
}
if (failed) {
  console.log("\nbench: FAILED (wrong output or a failed run)");
  process.exit(1);
}
