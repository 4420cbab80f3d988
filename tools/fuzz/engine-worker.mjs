// Runs our engine (core/engine, STS compiled to JS) in a worker thread, so
// that the fuzzers' main thread can time every load and call, and end a worker
// that hangs. Protocol (engine-host.mjs is the other side):
//   { kind: "validate", batch, inputs: Uint8Array[] } -> { batch, results: LoadVerdict[] }
//   { kind: "exec", batch, bytes, calls, globalNames, limits, hosts } -> { batch, exec: ExecOutcome }
// `progress` (shared Int32Array) holds [batch, item] of the work under way.
import { parentPort, workerData } from "node:worker_threads";
import { hashMemory } from "./wasm-bytes.mjs";
import { engineHost } from "./hosts.mjs";

const progress = new Int32Array(workerData.progress);
const api = await importEngine(workerData.engine);
const utf8 = new TextEncoder();

async function importEngine(how) {
  if (how.kind === "bundle") return import("data:text/javascript;base64," + Buffer.from(how.code).toString("base64"));
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(how.apiPath, import.meta.url);
}

function errorText(e) {
  if (e instanceof Error) return (e.stack || e.message).split("\n").slice(0, 6).join("\n");
  return String(e);
}

/** load() on one input: { verdict: { accepted, message, offset, malformed, ms, crash }, module } */
function loadOne(bytes) {
  const t0 = performance.now();
  try {
    const err = new api.LoadError();
    const m = api.load(bytes, err);
    const accepted = m !== null;
    const ms = performance.now() - t0;
    const crash = accepted === err.failed ? `load() returned ${accepted ? "a module" : "null"} with err.failed = ${err.failed}` : null;
    return { verdict: { accepted, message: err.message, offset: err.offset, malformed: err.malformed, ms, crash }, module: m };
  } catch (e) {
    const ms = performance.now() - t0;
    return { verdict: { accepted: false, message: "", offset: 0, malformed: false, ms, crash: errorText(e) }, module: null };
  }
}

/** The current memory: its size and hash, or null without one. */
function memoryState(inst) {
  const mem = api.memory(inst);
  if (mem === null) return null;
  return { size: mem.byteLength, hash: hashMemory(mem.buf, mem.byteLength) };
}

/** Exported globals' raw bits, in the order of `names`. */
function globalBits(inst, names) {
  const out = [];
  for (const n of names) {
    const e = api.getExport(inst, utf8.encode(n));
    out.push(e === null || e.global === null ? null : e.global.i64[0]);
  }
  return out;
}

/**
 * Loads and instantiates `bytes`, then makes each call in order on the one
 * instance: { load: LoadVerdict, instantiated, instantiateMessage, outcomes: [{ trap, trapText, results, memory, globals, ms, crash }] }
 */
function execOne(bytes, calls, globalNames, limitsIn, hosts) {
  const loaded = loadOne(bytes);
  const out = { load: loaded.verdict, instantiated: false, instantiateMessage: "", outcomes: [] };
  if (loaded.module === null || loaded.verdict.crash) return out;
  const m = loaded.module;
  let inst = null;
  let store = null;
  try {
    const limits = new api.Limits();
    Object.assign(limits, limitsIn);
    store = api.newStore(limits);
    const imports = (hosts || []).map((h, k) => {
      const type = new api.FuncType(Uint8Array.from(h.params), Uint8Array.from(h.results));
      const fn = engineHost(h.params, h.results, api.Trap.HostError);
      return new api.ImportBinding(utf8.encode("env"), utf8.encode("h" + k), api.hostFunction(store, type, fn, 0));
    });
    const ierr = new api.InstantiateError();
    inst = api.instantiate(store, m, imports, ierr);
    out.instantiateMessage = ierr.message;
    out.instantiateFailure = ierr.failure;
    out.instantiateTrap = ierr.trap;
  } catch (e) {
    out.instantiateMessage = "crash: " + errorText(e);
    return out;
  }
  if (inst === null) return out;
  out.instantiated = true;
  for (let i = 0; i < calls.length; i++) {
    Atomics.store(progress, 1, i);
    const c = calls[i];
    const results = new BigInt64Array(c.nresults);
    const t0 = performance.now();
    let trap = -1;
    let crash = null;
    try {
      trap = api.invoke(inst, utf8.encode(c.name), c.args, results);
    } catch (e) {
      crash = errorText(e);
    }
    const ms = performance.now() - t0;
    let memory = null;
    let globals = [];
    if (crash === null) {
      try {
        memory = memoryState(inst);
        globals = globalBits(inst, globalNames);
      } catch (e) {
        crash = "reading the state after the call: " + errorText(e);
      }
    }
    out.outcomes.push({ trap, trapText: store.thread.trapText, results, memory, globals, ms, crash });
    if (crash !== null) break;
  }
  return out;
}

parentPort.on("message", (msg) => {
  Atomics.store(progress, 0, msg.batch);
  if (msg.kind === "validate") {
    const results = [];
    for (let i = 0; i < msg.inputs.length; i++) {
      Atomics.store(progress, 1, i);
      results.push(loadOne(msg.inputs[i]).verdict);
    }
    parentPort.postMessage({ batch: msg.batch, results });
  } else if (msg.kind === "exec") {
    Atomics.store(progress, 1, 0);
    parentPort.postMessage({ batch: msg.batch, exec: execOne(msg.bytes, msg.calls, msg.globalNames, msg.limits, msg.hosts) });
  }
});
parentPort.postMessage({ ready: true });
