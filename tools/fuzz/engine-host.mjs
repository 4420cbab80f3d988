// The main thread's handle on the engine worker (engine-worker.mjs): sends it
// work, watches its progress counter, and ends and restarts it when one input
// runs longer than the hang limit or the worker dies.
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * How the worker gets the engine: "bundle" (esbuild bundles core/engine/api.ts
 * once, in memory, and the worker imports it from a data: URL) or "tsx"
 * (tsx's tsImport compiles each .ts file on import).
 */
export async function engineSource(root, kind) {
  const apiPath = join(root, "core/engine/api.ts");
  if (kind === "tsx") return { kind, apiPath };
  const esbuild = await import("esbuild");
  const r = await esbuild.build({
    entryPoints: [apiPath],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return { kind: "bundle", code: r.outputFiles[0].text };
}

export class EngineHost {
  /** engine: engineSource()'s result; hangMs: the longest one input may run. */
  constructor(engine, hangMs) {
    this.engine = engine;
    this.hangMs = hangMs;
    this.worker = null;
    this.batch = 0;
    this.restarts = 0;
    this.startMs = 0;
  }

  async start() {
    const t0 = performance.now();
    const shared = new SharedArrayBuffer(16);
    this.progress = new Int32Array(shared);
    this.progress[0] = -1;
    this.worker = new Worker(join(here, "engine-worker.mjs"), {
      workerData: { engine: this.engine, progress: shared },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
      stderr: false,
    });
    await new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m && m.ready) {
          this.worker.off("error", reject);
          resolve();
        }
      };
      this.worker.once("message", onMessage);
      this.worker.once("error", reject);
    });
    this.startMs += performance.now() - t0;
  }

  async close() {
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }

  async restart() {
    this.restarts++;
    await this.close();
    await this.start();
  }

  /**
   * Sends one message and waits for its reply. Resolves { reply } or
   * { hang: item } (item = progress index that stalled) or { died: item, error }.
   */
  async send(msg, transfer) {
    if (this.worker === null) await this.start();
    const batch = ++this.batch;
    msg.batch = batch;
    const worker = this.worker;
    const progress = this.progress;
    const hangMs = this.hangMs;
    return new Promise((resolve) => {
      let lastItem = -1;
      let since = performance.now();
      const finish = (r) => {
        clearInterval(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve(r);
      };
      const onMessage = (m) => {
        if (m && m.batch === batch) finish({ reply: m });
      };
      const onError = (e) => finish({ died: Atomics.load(progress, 1), error: e instanceof Error ? e.message : String(e) });
      const onExit = (code) => finish({ died: Atomics.load(progress, 1), error: "worker exited with code " + code });
      const timer = setInterval(() => {
        if (Atomics.load(progress, 0) !== batch) return;
        const item = Atomics.load(progress, 1);
        const now = performance.now();
        if (item !== lastItem) {
          lastItem = item;
          since = now;
        } else if (now - since > hangMs) finish({ hang: item });
      }, Math.min(100, hangMs / 4));
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage(msg, transfer);
    });
  }

  /**
   * load() on every input. Returns one verdict per input; an input that hangs
   * gets { hang: true }, one that kills the worker { crash: why }.
   */
  async validate(inputs) {
    const out = new Array(inputs.length);
    let todo = inputs.map((_, i) => i);
    while (todo.length > 0) {
      const r = await this.send({ kind: "validate", inputs: todo.map((i) => inputs[i]) });
      if (r.reply) {
        r.reply.results.forEach((v, k) => (out[todo[k]] = v));
        break;
      }
      const bad = r.hang !== undefined ? r.hang : r.died;
      out[todo[bad]] = r.hang !== undefined
        ? { accepted: false, hang: true, ms: this.hangMs, crash: null }
        : { accepted: false, ms: 0, crash: "the engine worker died: " + r.error };
      todo = todo.filter((_, k) => k !== bad);
      await this.restart();
    }
    return out;
  }

  /**
   * Loads, instantiates and calls; see engine-worker.mjs execOne. A hang or a
   * dead worker comes back as { hang: callIndex } / { died: callIndex, error }.
   */
  async exec(bytes, calls, globalNames, limits, hosts) {
    const r = await this.send({ kind: "exec", bytes, calls, globalNames, limits, hosts });
    if (r.reply) return r.reply.exec;
    await this.restart();
    return r;
  }
}
