// The validation fuzzer: mutants of the seed corpus, each given to our load()
// and to V8's WebAssembly.validate. The verdicts (accepted / refused) must be
// equal, load() must not throw, and no load may take longer than the hang
// limit. A disagreement on a module that uses a feature only one side has is
// skipped (features.mjs).
import { Rng } from "./rng.mjs";
import { mutate } from "./mutate.mjs";
import { ENGINE_ONLY, V8_ONLY, scanFeatures } from "./features.mjs";
import { fnv1a } from "./wasm-bytes.mjs";
import { saveFinding } from "./findings.mjs";
import { minimize } from "./minimize.mjs";
import { emitModule } from "./emit.mjs";
import { makeModule } from "./exec.mjs";

const BATCH = 64;

/** V8's verdict. */
export function v8Verdict(bytes) {
  return { accepted: WebAssembly.validate(bytes) };
}

/** V8's reason for refusing a module (compiling it again: only for disagreements, it is slow). */
function v8Message(bytes) {
  try {
    new WebAssembly.Module(bytes);
    return "WebAssembly.validate refused but new WebAssembly.Module accepted";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Indexes the seeds for makeInput: by script (so that a script with hundreds
 * of tiny modules, like the UTF-8 ones, weighs no more than another) and by
 * V8's verdict (valid seeds make mutants that reach deeper checks).
 */
export function indexCorpus(seeds) {
  // plus modules of the execution fuzzer's generator: dense in multi-value blocks, tail calls, tables and bulk memory
  const corpus = seeds.slice();
  for (let i = 0; i < 300; i++) corpus.push({ name: `generated/${i}`, bytes: emitModule(makeModule(0x600d5eed, i)) });
  const groups = new Map();
  const valid = [];
  for (const s of corpus) {
    const g = s.name.split("/")[0];
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(s);
    if (WebAssembly.validate(s.bytes)) valid.push(s);
  }
  return { all: corpus, groups: [...groups.values()], valid };
}

/** Input n of a run with `seed`: a mutant of one seed module (or, once in 20, the seed itself). */
export function makeInput(seed, n, index) {
  const rng = new Rng(seed, n);
  const base = rng.chance(0.6) && index.valid.length > 0 ? rng.pick(index.valid) : rng.pick(rng.pick(index.groups));
  if (rng.chance(0.05)) return { bytes: base.bytes, from: base.name, how: ["none"] };
  const m = mutate(rng, base.bytes, index.all);
  return { bytes: m.bytes, from: base.name, how: m.how };
}

/** Why a disagreement does not count, or null when it does. */
function explained(bytes, ours) {
  const f = scanFeatures(bytes);
  const list = ours ? ENGINE_ONLY : V8_ONLY;
  for (const name of list) if (f.has(name)) return name;
  return null;
}

/** V8's messages for its implementation limits. */
const V8_LIMIT = /internal limit|implementation limit|supported by V8|exceeds maximum/;

/** A message with its numbers blanked, to group findings by cause. */
function shape(message) {
  return String(message).replace(/0x[0-9a-f]+|\d+/gi, "N").slice(0, 120);
}

/**
 * What one input's verdicts mean: { agree: accepted } when they agree,
 * { skip: feature } when a feature difference explains the disagreement,
 * else a finding { kind, detail, key } (key groups findings by cause).
 */
export function classify(bytes, o, v, hangMs) {
  let kind;
  let detail;
  if (o.hang || o.ms > hangMs) {
    kind = "hang";
    detail = `load() ran longer than ${hangMs} ms` + (o.hang ? " (stopped)" : ` (${o.ms.toFixed(0)} ms)`);
  } else if (o.crash) {
    kind = "crash";
    detail = o.crash;
  } else if (o.accepted === v.accepted) {
    return { agree: o.accepted };
  } else {
    const why = explained(bytes, o.accepted);
    if (why !== null) return { skip: why };
    kind = o.accepted ? "engine-accepts" : "engine-refuses";
    const message = o.accepted ? v8Message(bytes) : o.message;
    // implementation limits (the spec lets each engine have its own): V8's, and the engine's "..., the limit is N"
    if (o.accepted ? V8_LIMIT.test(message) : /the limit is/.test(message)) return { skip: o.accepted ? "v8-limit" : "engine-limit" };
    detail = o.accepted ? `V8: ${message}` : `engine: ${message} (offset ${o.offset})`;
  }
  const key = kind + ": " + shape(kind === "engine-refuses" ? o.message : detail.split("\n")[0]);
  return { kind, detail, key };
}

/**
 * Runs the validation fuzzer until `seconds` have passed (or `inputs` inputs
 * were tried). Returns the statistics; prints findings as they come.
 */
export async function runValidate(opts) {
  const { seed, seconds, host, corpus, log, saveDir } = opts;
  const stats = {
    mode: "validate",
    inputs: 0,
    agreeAccepted: 0,
    agreeRefused: 0,
    mismatches: 0,
    skipped: 0,
    skippedBy: {},
    crashes: 0,
    hangs: 0,
    slowestMs: 0,
    engineMs: 0,
    v8Ms: 0,
    findings: [],
  };
  const groups = new Map();
  const index = indexCorpus(corpus);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let n = opts.first || 0;
  const last = opts.count ? n + opts.count : Infinity;
  while (performance.now() < deadline && n < last) {
    const inputs = [];
    for (let k = 0; k < BATCH && n < last; k++, n++) inputs.push({ n, ...makeInput(seed, n, index) });
    const pending = host.validate(inputs.map((x) => x.bytes));
    const tv = performance.now();
    const theirs = inputs.map((x) => v8Verdict(x.bytes));
    stats.v8Ms += performance.now() - tv;
    const ours = await pending;
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k];
      const o = ours[k];
      const v = theirs[k];
      stats.inputs++;
      stats.engineMs += o.ms;
      stats.slowestMs = Math.max(stats.slowestMs, o.ms);
      const c = classify(input.bytes, o, v, opts.hangMs);
      if (opts.verbose) {
        const ours = o.hang ? "hangs" : o.crash ? "throws" : o.accepted ? "accepts" : `refuses (${o.message})`;
        log(`  input ${input.n} (${input.from} + ${input.how.join(",")}, ${input.bytes.length} bytes): V8 ${v.accepted ? "accepts" : "refuses"}, the engine ${ours}`);
      }
      if (c.agree !== undefined) {
        if (c.agree) stats.agreeAccepted++;
        else stats.agreeRefused++;
        continue;
      }
      if (c.skip) {
        stats.skipped++;
        stats.skippedBy[c.skip] = (stats.skippedBy[c.skip] || 0) + 1;
        continue;
      }
      if (c.kind === "hang") stats.hangs++;
      else if (c.kind === "crash") stats.crashes++;
      else stats.mismatches++;
      const { kind, detail, key } = c;
      const g = groups.get(key);
      if (g) {
        g.count++;
        if (input.bytes.length < g.bytes.length) Object.assign(g, { bytes: input.bytes, n: input.n });
        continue;
      }
      groups.set(key, { key, kind, detail, count: 1, bytes: input.bytes, n: input.n, from: input.from, how: input.how });
      log(`validate: ${kind} on input ${input.n} (seed ${seed}; ${input.from} + ${input.how.join(",")}): ${detail.split("\n")[0]}`);
    }
  }
  stats.seconds = (performance.now() - t0) / 1000;
  // minimizing takes at most 15% of the run's time on top of it
  const minimizeMs = groups.size === 0 ? 0 : Math.min(5000, (seconds * 150) / groups.size);
  for (const g of groups.values()) {
    if (g.kind !== "hang" && minimizeMs >= 100) {
      const judge = async (list) => {
        const ours = await host.validate(list);
        return list.map((b, i) => classify(b, ours[i], v8Verdict(b), opts.hangMs));
      };
      const before = g.bytes.length;
      g.bytes = await minimize(g.bytes, (c) => c.key, judge, minimizeMs);
      g.detail = (await judge([g.bytes]))[0].detail || g.detail;
      log(`validate: ${g.kind} (input ${g.n}) minimized from ${before} to ${g.bytes.length} bytes`);
    }
    const file = saveDir ? saveFinding(saveDir, `validate-${g.kind}-${fnv1a(g.bytes)}`, g.bytes, { ...g, bytes: undefined, seed }) : null;
    stats.findings.push({ kind: g.kind, key: g.key, count: g.count, input: g.n, detail: g.detail, file });
  }
  return stats;
}
