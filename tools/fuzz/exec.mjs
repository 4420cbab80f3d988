// The execution fuzzer: random valid modules (gen.mjs) run on our engine and
// on V8. For every call of the module's call list: the same trap (kind mapped
// from V8's message) or the same results, bit for bit except where the spec
// lets NaN bits differ; then the same memory (size and contents) and globals.
// A mismatch is shrunk (shrink.mjs) and saved.
import { Rng } from "./rng.mjs";
import { generateModule } from "./gen.mjs";
import { bitsType, emitModule } from "./emit.mjs";
import { F32, F64, I64, isFloat, typeName } from "./ops.mjs";
import { fnv1a, hashMemory } from "./wasm-bytes.mjs";
import { saveFinding, withCase } from "./findings.mjs";
import { shrinkModule } from "./shrink.mjs";
import { HOST_TRAP_TEXT, v8Host } from "./hosts.mjs";

/** The engine's Trap codes (core/engine/types.ts), by name. */
export const TRAP = {
  None: 0,
  Unreachable: 1,
  IntDivByZero: 2,
  IntOverflow: 3,
  InvalidConversion: 4,
  MemoryOutOfBounds: 5,
  TableOutOfBounds: 6,
  UndefinedElement: 7,
  UninitializedElement: 8,
  IndirectCallTypeMismatch: 9,
  CallDepthExceeded: 10,
  ValueStackExhausted: 11,
  OutOfFuel: 12,
  HostError: 13,
};
const TRAP_NAME = Object.fromEntries(Object.entries(TRAP).map(([k, v]) => [v, k]));
const trapName = (code) => TRAP_NAME[code] || "trap " + code;

/** V8 11.3's trap messages and the engine traps each may stand for. */
const V8_TRAPS = [
  ["unreachable", [TRAP.Unreachable]],
  ["memory access out of bounds", [TRAP.MemoryOutOfBounds]],
  ["divide by zero", [TRAP.IntDivByZero]],
  ["remainder by zero", [TRAP.IntDivByZero]],
  ["divide result unrepresentable", [TRAP.IntOverflow]],
  // the spec's "integer overflow" (out of range) and "invalid conversion to integer" (NaN) share V8's message
  ["float unrepresentable in integer range", [TRAP.IntOverflow, TRAP.InvalidConversion]],
  ["table index is out of bounds", [TRAP.UndefinedElement, TRAP.TableOutOfBounds]],
  ["element segment out of bounds", [TRAP.TableOutOfBounds]],
  ["data segment out of bounds", [TRAP.MemoryOutOfBounds]],
  ["null function or function signature mismatch", [TRAP.UninitializedElement, TRAP.IndirectCallTypeMismatch]],
];
const RESOURCE_TRAPS = [TRAP.CallDepthExceeded, TRAP.ValueStackExhausted, TRAP.OutOfFuel];
/** InstantiateFailure.Trapped (core/engine/instantiate.ts) */
const INSTANTIATE_TRAPPED = 2;

/** The limits our engine runs the generated modules with. */
export const EXEC_LIMITS = { fuel: 0, maxCallDepth: 10000, valueStackSlots: 1 << 18, maxMemoryBytes: 64 << 20, maxTableElements: 100000 };

/** V8's outcome of an exception: { traps: [codes], text } or { resource } for a stack overflow. */
function v8Trap(e) {
  const text = e instanceof Error ? e.constructor.name + ": " + e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { resource: true, text };
  if (e instanceof Error && e.message === HOST_TRAP_TEXT) return { traps: [TRAP.HostError], text };
  if (e instanceof WebAssembly.RuntimeError) {
    for (const [msg, codes] of V8_TRAPS) if (e.message === msg) return { traps: codes, text };
  }
  return { traps: [], text };
}

const isNaNBits = (t, b) => (t === F32 ? (b & 0x7f800000n) === 0x7f800000n && (b & 0x7fffffn) !== 0n : (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n);
const quietBit = (t) => (t === F32 ? 0x400000n : 0x8000000000000n);
const payloadMask = (t) => (t === F32 ? 0x7fffffn : 0xfffffffffffffn);

/**
 * Whether our bits `b` for a value of type t are an acceptable result where V8
 * gave `a` (both unsigned bigints of the type's width). Equal bits always are.
 * Two NaNs with different bits are when V8's is quiet (so it came from
 * arithmetic, where the spec leaves sign and payload open) and ours is quiet
 * too (an arithmetic NaN), and, in a canonical module, ours is canonical.
 */
export function sameValue(t, a, b, canonical) {
  if (a === b) return true;
  if (!isFloat(t) || !isNaNBits(t, a) || !isNaNBits(t, b)) return false;
  if ((a & quietBit(t)) === 0n || (b & quietBit(t)) === 0n) return false;
  return !canonical || (b & payloadMask(t)) === quietBit(t);
}

function hexBits(t, bits) {
  const width = t === I64 || t === F64 ? 16 : 8;
  return typeName(t) + ":0x" + bits.toString(16).padStart(width, "0");
}

const asBits = (t, v) => BigInt.asUintN(t === I64 || t === F64 ? 64 : 32, BigInt(v));

function memHash(mem) {
  if (!mem) return null;
  return { size: mem.buffer.byteLength, hash: hashMemory(mem.buffer, mem.buffer.byteLength) };
}

/** A global's value from V8 as bits comparable with ours (floats: null for NaN, whose bits JS does not keep). */
function v8GlobalBits(t, value) {
  if (t === F32 || t === F64) {
    if (Number.isNaN(value)) return null;
    const dv = new DataView(new ArrayBuffer(8));
    if (t === F32) {
      dv.setFloat32(0, value, true);
      return BigInt(dv.getUint32(0, true));
    }
    dv.setFloat64(0, value, true);
    return dv.getBigUint64(0, true);
  }
  return asBits(t, value);
}

/**
 * What a test case needs besides its bytes: the wrappers' calls with the
 * functions' own parameter and result types (floats travel as bits), the
 * globals' types, and whether only canonical NaNs may come out.
 */
export function caseOf(mod) {
  return {
    canonical: mod.canonical,
    globals: mod.globals.map((g) => g.t),
    hosts: (mod.hosts || []).map((h) => ({ params: mod.types[h.type].params.slice(), results: mod.types[h.type].results.slice() })),
    calls: mod.calls.map((c) => {
      const ft = mod.types[mod.funcs[c.f].type];
      return { name: "w" + c.f, params: ft.params.slice(), results: ft.results.slice(), args: c.args.map((a) => BigInt(a)) };
    }),
  };
}

/** Runs one generated module on both engines; see runCase. */
export async function runBoth(mod, host, opts = {}) {
  return runCase(emitModule(mod), caseOf(mod), host, opts);
}

/**
 * Runs a test case on both engines. Returns { status, ... }:
 * "agree" (with counts), "mismatch" { call, what }, "skipped" { why },
 * "crash" { what }, "hang" { what }, "invalid" (the generator's own bug: V8 refused the module).
 */
export async function runCase(bytes, tc, host, opts = {}) {
  let v8mod;
  try {
    v8mod = new WebAssembly.Module(bytes);
  } catch (e) {
    return { status: "invalid", what: "V8 refuses the generated module: " + e.message, bytes };
  }
  let inst = null;
  let v8start = null;
  try {
    const env = {};
    (tc.hosts || []).forEach((h, k) => (env["h" + k] = v8Host(h.params, h.results)));
    inst = new WebAssembly.Instance(v8mod, { env });
  } catch (e) {
    v8start = v8Trap(e); // the start function trapped
  }
  const globalNames = tc.globals.map((_, i) => "g" + i);
  const calls = tc.calls.map((c) => ({
    name: c.name,
    args: BigInt64Array.from(c.args.map((a, i) => BigInt.asIntN(bitsType(c.params[i]) === I64 ? 64 : 32, BigInt(a)))),
    nresults: c.results.length,
  }));
  const ours = await host.exec(bytes, calls, globalNames, EXEC_LIMITS, tc.hosts || []);
  if (ours.hang !== undefined) return { status: "hang", call: ours.hang, what: `call ${ours.hang} (${calls[ours.hang] ? calls[ours.hang].name : "load"}) ran longer than the hang limit`, bytes };
  if (ours.died !== undefined) return { status: "crash", call: ours.died, what: "the engine worker died: " + ours.error, bytes };
  if (ours.load.crash) return { status: "crash", call: -1, what: "load() threw: " + ours.load.crash, bytes };
  if (!ours.load.accepted) return { status: "mismatch", call: -1, what: `engine refuses a valid module: ${ours.load.message} (offset ${ours.load.offset})`, bytes };
  if (ours.instantiateMessage.startsWith("crash")) return { status: "crash", call: -1, what: ours.instantiateMessage, bytes };
  if (v8start !== null) {
    if (v8start.resource) return { status: "skipped", why: "v8-stack-overflow" };
    if (ours.instantiated) return { status: "mismatch", call: -1, what: `the start function traps on V8 (${v8start.text}), not on the engine`, bytes };
    if (ours.instantiateFailure === INSTANTIATE_TRAPPED && RESOURCE_TRAPS.includes(ours.instantiateTrap)) return { status: "skipped", why: "engine-limit " + trapName(ours.instantiateTrap) };
    if (ours.instantiateFailure !== INSTANTIATE_TRAPPED || !v8start.traps.includes(ours.instantiateTrap)) {
      return { status: "mismatch", call: -1, what: `the start function traps on V8 (${v8start.text}); the engine: ${ours.instantiateMessage} (trap ${trapName(ours.instantiateTrap)})`, bytes };
    }
    return { status: "agree", calls: 0, traps: 1 };
  }
  if (!ours.instantiated && ours.instantiateFailure === INSTANTIATE_TRAPPED && RESOURCE_TRAPS.includes(ours.instantiateTrap)) {
    return { status: "skipped", why: "engine-limit " + trapName(ours.instantiateTrap) };
  }
  if (!ours.instantiated) return { status: "mismatch", call: -1, what: `engine cannot instantiate it: ${ours.instantiateMessage}`, bytes };
  let traps = 0;
  const log = opts.verbose ? opts.log : null;
  for (let i = 0; i < calls.length; i++) {
    const ft = tc.calls[i];
    const o = ours.outcomes[i];
    if (o === undefined) return { status: "crash", call: i, what: "the engine stopped before this call", bytes };
    if (o.crash) return { status: "crash", call: i, what: `${calls[i].name}: ${o.crash}`, bytes };
    let v8 = null;
    let v8results = [];
    try {
      const jsArgs = Array.from(calls[i].args, (a, k) => (bitsType(ft.params[k]) === I64 ? a : Number(a)));
      const r = inst.exports[calls[i].name](...jsArgs);
      v8results = ft.results.length === 0 ? [] : ft.results.length === 1 ? [r] : Array.from(r);
    } catch (e) {
      v8 = v8Trap(e);
    }
    const where = `call ${i} ${calls[i].name}(${ft.args.map((a, k) => hexBits(ft.params[k], asBits(ft.params[k], a))).join(", ")})`;
    if (log) log(`  ${where}: V8 ${v8 ? v8.text : "ok"}, engine ${o.trap === 0 ? "ok" : trapName(o.trap)}`);
    if (v8 !== null && v8.resource) {
      if (RESOURCE_TRAPS.includes(o.trap)) continue;
      return { status: "skipped", why: "v8-stack-overflow" };
    }
    if (RESOURCE_TRAPS.includes(o.trap)) return { status: "skipped", why: "engine-limit " + trapName(o.trap) };
    if (v8 !== null) {
      if (o.trap === 0) return { status: "mismatch", call: i, what: `${where}: V8 traps (${v8.text}), the engine returns`, bytes };
      if (!v8.traps.includes(o.trap)) return { status: "mismatch", call: i, what: `${where}: V8 traps (${v8.text}), the engine traps ${trapName(o.trap)}`, bytes };
      traps++;
    } else {
      if (o.trap !== 0) return { status: "mismatch", call: i, what: `${where}: V8 returns, the engine traps ${trapName(o.trap)} (${o.trapText})`, bytes };
      for (let k = 0; k < ft.results.length; k++) {
        const t = ft.results[k];
        const a = asBits(t, v8results[k]);
        const b = asBits(t, o.results[k]);
        if (log) log(`    result ${k}: V8 ${hexBits(t, a)}, engine ${hexBits(t, b)}`);
        if (!sameValue(t, a, b, tc.canonical)) {
          return { status: "mismatch", call: i, what: `${where}: result ${k}: V8 ${hexBits(t, a)}, engine ${hexBits(t, b)}${tc.canonical ? " (canonical NaNs only)" : ""}`, bytes };
        }
      }
    }
    const mem = memHash(inst.exports.mem);
    if ((mem === null) !== (o.memory === null) || (mem && (mem.size !== o.memory.size || mem.hash !== o.memory.hash))) {
      const diff = mem && o.memory && mem.size !== o.memory.size ? `size V8 ${mem.size}, engine ${o.memory.size}` : "contents differ";
      return { status: "mismatch", call: i, what: `${where}: memory after the call: ${diff}`, bytes };
    }
    for (let g = 0; g < tc.globals.length; g++) {
      const t = tc.globals[g];
      const a = v8GlobalBits(t, inst.exports["g" + g].value);
      const b = o.globals[g] === null ? null : asBits(t, o.globals[g]);
      if (b === null) return { status: "mismatch", call: i, what: `${where}: the engine does not export global g${g}`, bytes };
      if (a === null ? !isNaNBits(t, b) : a !== b) {
        return { status: "mismatch", call: i, what: `${where}: global g${g} after the call: V8 ${a === null ? "NaN" : hexBits(t, a)}, engine ${hexBits(t, b)}`, bytes };
      }
    }
  }
  return { status: "agree", calls: calls.length, traps };
}

/** Module n of a run with `seed` (a stream apart from the validation fuzzer's inputs). */
export function makeModule(seed, n) {
  return generateModule(new Rng(seed ^ 0x5eed5eed, n));
}

/** A finding's grouping key: its kind and its message without numbers and operands. */
export function findingKey(r) {
  return r.status + ": " + r.what.replace(/^call \d+ w\d+\([^)]*\): /, "").replace(/0x[0-9a-f]+|\d+/gi, "N").slice(0, 100);
}

export async function runExec(opts) {
  const { seed, seconds, host, log, saveDir } = opts;
  const stats = { mode: "exec", inputs: 0, calls: 0, agreeCalls: 0, agreeTraps: 0, mismatches: 0, skipped: 0, skippedBy: {}, crashes: 0, hangs: 0, generatorInvalid: 0, findings: [] };
  const seen = new Set();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let n = opts.first || 0;
  const last = opts.count ? n + opts.count : Infinity;
  while (performance.now() < deadline && n < last) {
    const mod = makeModule(seed, n);
    const r = await runBoth(mod, host, opts);
    stats.inputs++;
    stats.calls += mod.calls.length;
    if (r.status === "agree") {
      stats.agreeCalls += r.calls;
      stats.agreeTraps += r.traps;
    } else if (r.status === "skipped") {
      stats.skipped++;
      stats.skippedBy[r.why] = (stats.skippedBy[r.why] || 0) + 1;
    } else {
      if (r.status === "invalid") stats.generatorInvalid++;
      else if (r.status === "mismatch") stats.mismatches++;
      else if (r.status === "crash") stats.crashes++;
      else if (r.status === "hang") stats.hangs++;
      const key = findingKey(r);
      if (!seen.has(key)) {
        seen.add(key);
        log(`exec: ${r.status} on module ${n} (seed ${seed}): ${r.what.split("\n")[0]}`);
        let found = { mod, r };
        if (r.status !== "invalid") {
          // shrinking a finding takes at most 15% of the run's time (its own time when the run is nearly over);
          // the budget keeps every call of a generated module far below 300 ms, so a hang can be judged sooner
          const shrinkMs = opts.verbose ? 60000 : Math.min(20000, seconds * 150);
          const hangMs = host.hangMs;
          if (r.status === "hang") host.hangMs = Math.min(hangMs, 300);
          found = await shrinkModule(mod, r, host, shrinkMs);
          host.hangMs = hangMs;
          log(`exec:   shrunk from ${r.bytes.length} to ${found.r.bytes.length} bytes, ${found.mod.calls.length} calls: ${found.r.what.split("\n")[0]}`);
        }
        const bytes = r.status === "invalid" ? found.r.bytes : withCase(found.r.bytes, caseOf(found.mod));
        const file = saveDir ? saveFinding(saveDir, `exec-${r.status}-${fnv1a(found.r.bytes)}`, bytes, { seed, module: n, what: found.r.what }) : null;
        stats.findings.push({ kind: r.status, key, count: 1, input: n, detail: found.r.what, file });
      } else {
        const f = stats.findings.find((x) => x.key === key);
        if (f) f.count++;
      }
    }
    n++;
  }
  stats.seconds = (performance.now() - t0) / 1000;
  return stats;
}
