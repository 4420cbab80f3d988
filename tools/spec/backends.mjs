// The three backends the spec runner drives, with one interface:
//
//   open(options)                  a fresh world for one script; options.multiMemory for scripts that need it
//   check(bytes)                   decode + validate only
//   module(bytes, name)            load + instantiate (becomes current; named when name is given)
//   register(as, name)             exports of module `name` (current when null) importable as `as`
//   invoke(name, field, argBits, argTypes)  call an export with raw slot bits
//   get(name, field)               read an exported global
//   results(reply, types)          an ok reply's values as slot bits, given the expected types
//   isExhaustion(reply)            a trap of the call-depth or value-stack limit
//   close()
//
// Each returns a reply { kind, results, code, message, messages }: kind is
// "ok" (results: unsigned 64-bit slot bits), "malformed", "invalid",
// "unlinkable", "limit", "trap" (code: the engine's Trap, message; V8 gives
// `messages`, the spec texts its own message can stand for) or "error".
//
//  - js: the engine in-process (session.ts bundled by esbuild)
//  - c:  the engine compiled by stc + gcc (driver.ts), one process per script
//  - v8: Node's own WebAssembly, which checks the runner itself
import { spawn } from "node:child_process";

const utf8 = (s) => new TextEncoder().encode(s);
const MASK64 = 0xffffffffffffffffn;

// ---------------------------------------------------------------- js

export class EngineBackend {
  /** @param lib the bundle of tools/spec/session.ts */
  constructor(lib) {
    this.lib = lib;
    this.session = null;
    this.resultSlots = new BigInt64Array(1024);
  }

  isExhaustion(r) {
    const T = this.lib.Trap;
    return r.kind === "trap" && (r.code === T.CallDepthExceeded || r.code === T.ValueStackExhausted);
  }

  async open(options = {}) {
    this.session = new this.lib.SpecSession(new this.lib.Limits());
    this.session.features.multiMemory = !!options.multiMemory;
  }

  results(reply) {
    return reply.results;
  }

  async close() {
    this.session = null;
  }

  reply(outcome) {
    const O = this.lib.Outcome;
    const s = this.session;
    switch (outcome) {
      case O.Ok: {
        const results = [];
        for (let i = 0; i < s.resultCount; i++) results.push(BigInt.asUintN(64, this.resultSlots[i]));
        return { kind: "ok", results };
      }
      case O.Malformed:
        return { kind: "malformed", message: s.message };
      case O.Invalid:
        return { kind: "invalid", message: s.message };
      case O.Unlinkable:
        return { kind: "unlinkable", message: s.message };
      case O.LimitExceeded:
        return { kind: "limit", message: s.message };
      case O.Trapped:
        return { kind: "trap", code: s.trap, message: s.message };
      default:
        return { kind: "error", message: s.message };
    }
  }

  /** The engine is JavaScript here: an exception is an engine bug, reported as an error reply. */
  guarded(fn) {
    try {
      return this.reply(fn());
    } catch (e) {
      return { kind: "error", message: `engine threw ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}` };
    }
  }

  async check(bytes) {
    return this.guarded(() => this.session.check(bytes));
  }

  async module(bytes, name) {
    return this.guarded(() => this.session.module(bytes, name === null ? null : utf8(name)));
  }

  async register(as, name) {
    return this.guarded(() => this.session.register(utf8(as), name === null ? null : utf8(name)));
  }

  async invoke(name, field, argBits) {
    const args = BigInt64Array.from(argBits, (b) => BigInt.asIntN(64, b));
    return this.guarded(() => this.session.invoke(name === null ? null : utf8(name), utf8(field), args, this.resultSlots));
  }

  async get(name, field) {
    return this.guarded(() => this.session.get(name === null ? null : utf8(name), utf8(field), this.resultSlots));
  }
}

// ---------------------------------------------------------------- c

const hexOf = (bytes) => Buffer.from(bytes).toString("hex");
const nameToken = (s) => "s" + hexOf(utf8(s));
const moduleToken = (name) => (name === null ? "-" : nameToken(name));

/** Drives driver.ts's native build over its line protocol (documented in driver.ts). */
export class DriverBackend {
  /** @param lib the bundle of session.ts (for the Trap codes); @param exe the driver */
  constructor(lib, exe, timeoutMs) {
    this.lib = lib;
    this.exe = exe;
    this.timeoutMs = timeoutMs;
    this.child = null;
  }

  isExhaustion(r) {
    const T = this.lib.Trap;
    return r.kind === "trap" && (r.code === T.CallDepthExceeded || r.code === T.ValueStackExhausted);
  }

  async open(options = {}) {
    this.start();
    if (options.multiMemory) {
      const r = await this.request("F 1");
      if (r.kind !== "ok") throw new Error(`driver refused to switch multi-memory on: ${r.message}`);
    }
  }

  results(reply) {
    return reply.results;
  }

  start() {
    const child = spawn(this.exe, [], { stdio: ["pipe", "pipe", "pipe"] });
    const state = { child, buffered: "", lines: [], waiting: null, stderr: "", exited: false };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      state.buffered += d;
      let nl;
      while ((nl = state.buffered.indexOf("\n")) >= 0) {
        state.lines.push(state.buffered.slice(0, nl));
        state.buffered = state.buffered.slice(nl + 1);
      }
      if (state.waiting && state.lines.length) state.waiting();
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      if (state.stderr.length < 4000) state.stderr += d;
    });
    child.stdin.on("error", () => {}); // a dead driver: reported by the exit handler
    child.on("exit", (code, signal) => {
      state.exited = signal ? `killed by ${signal}` : `exit code ${code}`;
      if (state.waiting) state.waiting();
    });
    child.on("error", (e) => {
      state.exited = e.message;
      if (state.waiting) state.waiting();
    });
    this.child = state;
  }

  async close() {
    if (this.child && !this.child.exited) {
      this.child.child.stdin.end();
      this.child.child.kill();
    }
    this.child = null;
  }

  /** Sends one request and waits for its reply line. A dead or stuck driver is replaced by a fresh one (its modules are gone). */
  async request(line) {
    if (this.child === null || this.child.exited) this.start();
    const st = this.child;
    st.child.stdin.write(line + "\n");
    const got = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve("timeout"), this.timeoutMs);
      const check = () => {
        if (st.lines.length) {
          clearTimeout(timer);
          st.waiting = null;
          resolve(st.lines.shift());
        } else if (st.exited) {
          clearTimeout(timer);
          st.waiting = null;
          resolve(null);
        }
      };
      st.waiting = check;
      check();
    });
    if (got === "timeout") {
      st.child.kill("SIGKILL");
      this.child = null;
      return { kind: "error", message: `driver timed out after ${this.timeoutMs} ms` };
    }
    if (got === null) {
      this.child = null;
      return { kind: "error", message: `driver died (${st.exited}): ${st.stderr.trim().split("\n").slice(-3).join(" | ")}` };
    }
    return parseReply(got);
  }

  async check(bytes) {
    return this.request(`V s${hexOf(bytes)}`);
  }

  async module(bytes, name) {
    return this.request(`M ${moduleToken(name)} s${hexOf(bytes)}`);
  }

  async register(as, name) {
    return this.request(`R ${nameToken(as)} ${moduleToken(name)}`);
  }

  async invoke(name, field, argBits) {
    const args = argBits.map((b) => " " + b.toString(16).padStart(16, "0")).join("");
    return this.request(`I ${moduleToken(name)} ${nameToken(field)}${args}`);
  }

  async get(name, field) {
    return this.request(`G ${moduleToken(name)} ${nameToken(field)}`);
  }
}

/** A reply line of driver.ts -> a reply object. */
export function parseReply(line) {
  const sp = line.indexOf(" ");
  const kind = sp < 0 ? line : line.slice(0, sp);
  const rest = sp < 0 ? "" : line.slice(sp + 1);
  switch (kind) {
    case "ok":
      return { kind, results: rest === "" ? [] : rest.split(" ").map((h) => BigInt("0x" + h)) };
    case "trap": {
      const sp2 = rest.indexOf(" ");
      return { kind, code: Number(sp2 < 0 ? rest : rest.slice(0, sp2)), message: sp2 < 0 ? "" : rest.slice(sp2 + 1) };
    }
    case "malformed":
    case "invalid":
    case "unlinkable":
    case "limit":
    case "error":
      return { kind, message: rest };
    default:
      return { kind: "error", message: `unreadable reply from the driver: ${line.slice(0, 200)}` };
  }
}

// ---------------------------------------------------------------- v8

/** V8's trap messages -> the spec texts each can stand for. */
const v8Traps = [
  [/^unreachable/, ["unreachable"]],
  [/^(divide|remainder) by zero/, ["integer divide by zero"]],
  [/^divide result unrepresentable/, ["integer overflow"]],
  [/^float unrepresentable in integer range/, ["invalid conversion to integer", "integer overflow"]],
  [/^memory access out of bounds/, ["out of bounds memory access"]],
  [/^data segment .*out of bounds/, ["out of bounds memory access"]],
  [/^(table index is out of bounds|table access out of bounds|element segment .*out of bounds)/, ["out of bounds table access", "undefined element"]],
  [/^(null function or function signature mismatch|function signature mismatch)/, ["uninitialized element", "indirect call type mismatch"]],
];

const EXHAUSTED = -1;

/** Node's WebAssembly (V8), through the JS API: proves the runner right before the engine works. */
export class V8Backend {
  isExhaustion(r) {
    return r.kind === "trap" && r.code === EXHAUSTED;
  }

  async open() {
    this.current = null;
    this.named = new Map();
    this.registered = new Map();
    const print = () => {};
    const exportsOf = {
      print,
      print_i32: print,
      print_i64: print,
      print_f32: print,
      print_f64: print,
      print_i32_f32: print,
      print_f64_f64: print,
      global_i32: new WebAssembly.Global({ value: "i32", mutable: false }, 666),
      global_i64: new WebAssembly.Global({ value: "i64", mutable: false }, 666n),
      global_f32: new WebAssembly.Global({ value: "f32", mutable: false }, 666.6),
      global_f64: new WebAssembly.Global({ value: "f64", mutable: false }, 666.6),
      table: new WebAssembly.Table({ element: "anyfunc", initial: 10, maximum: 20 }),
      memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
    };
    this.registered.set("spectest", exportsOf);
  }

  async close() {}

  trapReply(e) {
    const msg = String(e && e.message).replace(/^WebAssembly\.\w+\(\): /, "");
    if (e instanceof RangeError && /call stack/i.test(msg)) return { kind: "trap", code: EXHAUSTED, message: "call stack exhausted" };
    if (e instanceof WebAssembly.RuntimeError) {
      for (const [re, texts] of v8Traps) if (re.test(msg)) return { kind: "trap", code: 0, message: msg, messages: texts };
      return { kind: "trap", code: 0, message: msg };
    }
    return { kind: "error", message: `${e && e.name}: ${msg}` };
  }

  compile(bytes) {
    try {
      return { mod: new WebAssembly.Module(bytes) };
    } catch (e) {
      return { reply: { kind: e instanceof WebAssembly.CompileError ? "invalid" : "error", message: String(e.message) } };
    }
  }

  async check(bytes) {
    const c = this.compile(bytes);
    return c.reply ?? { kind: "ok", results: [] };
  }

  async module(bytes, name) {
    const c = this.compile(bytes);
    if (c.reply) return c.reply;
    const imports = {};
    for (const imp of WebAssembly.Module.imports(c.mod)) {
      const from = this.registered.get(imp.module);
      if (from === undefined || !(imp.name in from)) continue;
      (imports[imp.module] ??= {})[imp.name] = from[imp.name];
    }
    let inst;
    try {
      inst = new WebAssembly.Instance(c.mod, imports);
    } catch (e) {
      if (e instanceof WebAssembly.LinkError || (e instanceof TypeError && /import/i.test(e.message))) return { kind: "unlinkable", message: e.message };
      if (e instanceof RangeError && !/call stack/i.test(e.message)) return { kind: "limit", message: e.message };
      return this.trapReply(e);
    }
    this.current = inst;
    if (name !== null) this.named.set(name, inst);
    return { kind: "ok", results: [] };
  }

  find(name) {
    return name === null ? this.current : (this.named.get(name) ?? null);
  }

  async register(as, name) {
    const inst = this.find(name);
    if (inst === null) return { kind: "error", message: "register: no such module" };
    this.registered.set(as, inst.exports);
    return { kind: "ok", results: [] };
  }

  async invoke(name, field, argBits, argTypes) {
    const inst = this.find(name);
    if (inst === null) return { kind: "error", message: "invoke: no such module" };
    const f = inst.exports[field];
    if (typeof f !== "function") return { kind: "error", message: "invoke: no exported function of that name" };
    let r;
    try {
      r = f(...argBits.map((b, i) => toJs(b, argTypes[i])));
    } catch (e) {
      return this.trapReply(e);
    }
    return { kind: "ok", results: [], js: r };
  }

  async get(name, field) {
    const inst = this.find(name);
    if (inst === null) return { kind: "error", message: "get: no such module" };
    const g = inst.exports[field];
    if (!(g instanceof WebAssembly.Global)) return { kind: "error", message: "get: no exported global of that name" };
    return { kind: "ok", results: [], js: g.value };
  }

  /** V8 returns JS values: turn them into slot bits by the expected types. */
  results(reply, types) {
    const vals = types.length === 1 ? [reply.js] : types.length === 0 ? [] : Array.from(reply.js ?? []);
    return vals.map((v, i) => fromJs(v, types[i]));
  }
}

const scratch = new DataView(new ArrayBuffer(8));

function toJs(bits, type) {
  switch (type) {
    case "i32":
      return Number(BigInt.asIntN(32, bits));
    case "i64":
      return BigInt.asIntN(64, bits);
    case "f32":
      scratch.setUint32(0, Number(bits & 0xffffffffn));
      return scratch.getFloat32(0);
    case "f64":
      scratch.setBigUint64(0, bits & MASK64);
      return scratch.getFloat64(0);
    default: // references: 0 = null, else an extern value + 1 (passed to V8 as that number)
      return bits === 0n ? null : Number(bits - 1n);
  }
}

function fromJs(v, type) {
  switch (type) {
    case "i32":
      return BigInt(v >>> 0);
    case "i64":
      return BigInt.asUintN(64, BigInt(v));
    case "f32":
      scratch.setFloat32(0, v);
      return BigInt(scratch.getUint32(0));
    case "f64":
      scratch.setFloat64(0, v);
      return scratch.getBigUint64(0);
    default:
      if (v === null) return 0n;
      return typeof v === "number" ? BigInt(v) + 1n : 1n;
  }
}
