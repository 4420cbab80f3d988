// The execution fuzzer's generator: random *valid* modules, as a tree that
// emit.mjs encodes and shrink.mjs reduces. Validity holds by construction:
// every node pushes exactly its `out` types and consumes only what its own
// children pushed, every body ends with exactly its results, and branches
// carry their label's types.
//
// Determinism against V8: the spec leaves the bits of a NaN produced by
// arithmetic open (sign and payload), so wherever float bits could become
// integer bits (reinterpretation, a store to memory, copysign's sign operand)
// the value first goes through `canon`, which maps every NaN to one constant.
// Results and globals are compared with the spec's NaN rules instead. In
// "canonical" modules every NaN that enters is canonical, so every NaN that
// comes out must be canonical too.
//
// Termination: global 0 is a budget that the exported wrappers set; every
// function entry and loop iteration takes one from it, and traps with
// `unreachable` when it is spent. Loops also count down their own counter.
import { BINOPS, BITS_TO_FLOAT, COPYSIGN, DIVISIONS, F32, F64, FLOAT_TO_BITS, I32, I64, LOADS, NUM, STORES, UNOPS, isFloat } from "./ops.mjs";

export const BUDGET = 1000;
export const FUNCREF = 0x70;
export const PAGE = 65536;

const f32buf = new Float32Array(1);
const u32buf = new Uint32Array(f32buf.buffer);
const f64buf = new Float64Array(1);
const u64buf = new BigUint64Array(f64buf.buffer);
export const f32bits = (x) => ((f32buf[0] = x), u32buf[0]);
export const f64bits = (x) => ((f64buf[0] = x), u64buf[0]);

export const CANON_F32 = 0x7fc00000;
export const CANON_F64 = 0x7ff8000000000000n;

const I32_VALUES = [0, 1, -1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, -0x80000000, -2, 0x55555555, -0x55555556];
const I64_VALUES = [0n, 1n, -1n, 2n, 63n, 64n, 65n, 0x80n, 0xffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, 0x7fffffffffffffffn, -0x8000000000000000n, -2n];
const F32_BITS = [
  0, 0x80000000, f32bits(1), f32bits(-1), f32bits(0.5), f32bits(-0.5), f32bits(1.5), f32bits(2.5), f32bits(-2.5), f32bits(0.49999997),
  0x7f800000, 0xff800000, 0x00000001, 0x80000001, 0x00800000, 0x7f7fffff, 0xff7fffff,
  f32bits(2147483648), f32bits(-2147483648), f32bits(2147483520), f32bits(-2147483904), f32bits(4294967296), f32bits(4294967040),
  f32bits(9223372036854775808), f32bits(-9223372036854775808), f32bits(18446744073709551616), f32bits(-1.5), f32bits(16777217),
];
const F32_NANS = [0x7fc00000, 0xffc00000, 0x7fa00000, 0xffa00001, 0x7fc00001, 0x7f800001, 0x7fffffff];
const F64_BITS = [
  0n, 0x8000000000000000n, f64bits(1), f64bits(-1), f64bits(0.5), f64bits(-0.5), f64bits(1.5), f64bits(2.5), f64bits(-2.5), f64bits(0.49999999999999994),
  0x7ff0000000000000n, 0xfff0000000000000n, 1n, 0x8000000000000001n, 0x0010000000000000n, 0x7fefffffffffffffn,
  f64bits(2147483647), f64bits(2147483648), f64bits(-2147483648), f64bits(-2147483649), f64bits(4294967295), f64bits(4294967296), f64bits(-0.9),
  f64bits(9223372036854775808), f64bits(-9223372036854775808), f64bits(9223372036854774784), f64bits(18446744073709551616), f64bits(18446744073709549568),
  f64bits(4503599627370497), f64bits(1e300), f64bits(-1e-300),
];
const F64_NANS = [0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000000n, 0xfff0000000000001n, 0x7ff8000000000001n, 0x7fffffffffffffffn];

/** A random value of type t as raw bits (number for i32/f32, bigint for i64/f64). */
export function randomBits(rng, t, canonical) {
  const nanOk = (bits) => !canonical || bits === CANON_F32 || bits === 0xffc00000 || bits === CANON_F64 || bits === 0xfff8000000000000n;
  switch (t) {
    case I32:
      return rng.chance(0.5) ? rng.pick(I32_VALUES) | 0 : rng.chance(0.5) ? rng.range(-20, 20) : rng.u32() | 0;
    case I64:
      return rng.chance(0.5) ? BigInt.asIntN(64, rng.pick(I64_VALUES)) : rng.chance(0.5) ? BigInt(rng.range(-20, 20)) : rng.u64();
    case F32: {
      if (rng.chance(0.1)) {
        const nan = rng.pick(F32_NANS);
        return nanOk(nan) ? nan : CANON_F32;
      }
      if (rng.chance(0.5)) return rng.pick(F32_BITS);
      if (rng.chance(0.6)) return f32bits(Math.fround((rng.u32() / 4294967296 - 0.5) * rng.pick([4, 100, 1e6, 1e10])));
      const bits = rng.u32();
      return (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0 && !nanOk(bits) ? CANON_F32 : bits;
    }
    default: {
      if (rng.chance(0.1)) {
        const nan = rng.pick(F64_NANS);
        return nanOk(nan) ? nan : CANON_F64;
      }
      if (rng.chance(0.5)) return rng.pick(F64_BITS);
      if (rng.chance(0.6)) return f64bits((rng.u32() / 4294967296 - 0.5) * rng.pick([4, 100, 1e6, 1e12, 1e20]));
      const bits = BigInt.asUintN(64, rng.u64());
      const nan = (bits & 0x7ff0000000000000n) === 0x7ff0000000000000n && (bits & 0xfffffffffffffn) !== 0n;
      return nan && !nanOk(bits) ? CANON_F64 : bits;
    }
  }
}

const sameTypes = (a, b) => a.length === b.length && a.every((t, i) => t === b[i]);

/** Generates one module; see the file comment. */
export function generateModule(rng) {
  const mod = {
    canonical: rng.chance(0.4),
    types: [],
    funcs: [],
    globals: [{ t: I32, mutable: true, bits: BUDGET }],
    memory: rng.chance(0.9) ? { min: rng.range(0, 2), max: rng.chance(0.8) ? rng.range(2, 4) : null } : null,
    data: [],
    /** passive data segments (memory.init / data.drop) */
    passiveData: [],
    table: null,
    /** a second funcref table (index 1; only with table 0), and passive element segments */
    table2: null,
    passiveElems: [],
    start: -1,
    /** imported host functions ("env" "h<k>"), computing hostResults() of their arguments */
    hosts: [],
    calls: [],
  };
  if (mod.memory !== null && mod.memory.min === 0 && rng.chance(0.7)) mod.memory.min = 1;
  for (let i = rng.range(0, 4); i > 0; i--) {
    const t = rng.pick(NUM);
    mod.globals.push({ t, mutable: rng.chance(0.7), bits: randomBits(rng, t, mod.canonical) });
  }
  if (mod.memory !== null && mod.memory.min > 0) {
    for (let i = rng.range(0, 3); i > 0; i--) {
      const len = rng.range(1, 256);
      mod.data.push({ offset: rng.int(mod.memory.min * PAGE - len + 1), bytes: rng.bytes(len) });
    }
  }
  if (mod.memory !== null && rng.chance(0.4)) {
    for (let i = rng.range(1, 2); i > 0; i--) mod.passiveData.push({ bytes: rng.bytes(rng.range(0, 64)) });
  }
  for (let i = rng.chance(0.5) ? rng.range(1, 2) : 0; i > 0; i--) {
    const params = [];
    const results = [];
    for (let k = rng.range(0, 3); k > 0; k--) params.push(rng.pick(NUM));
    for (let k = rng.range(0, 2); k > 0; k--) results.push(rng.pick(NUM));
    mod.hosts.push({ type: typeIndex(mod, params, results, false) });
  }
  const nfuncs = rng.range(1, 6);
  for (let i = 0; i < nfuncs; i++) {
    const params = [];
    const results = [];
    for (let k = rng.chance(0.1) ? rng.range(5, 12) : rng.range(0, 4); k > 0; k--) params.push(rng.pick(NUM));
    for (let k = rng.chance(0.15) ? 0 : rng.chance(0.7) ? 1 : rng.range(2, 3); k > 0; k--) results.push(rng.pick(NUM));
    mod.funcs.push({ type: typeIndex(mod, params, results, rng.chance(0.2)), locals: [], body: null });
  }
  if (rng.chance(0.8)) {
    const elems = mod.funcs.map((_, i) => i);
    for (let i = rng.range(0, 2); i > 0; i--) elems.push(-1);
    for (let i = elems.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [elems[i], elems[j]] = [elems[j], elems[i]];
    }
    mod.table = { elems };
    if (rng.chance(0.4)) {
      const min = rng.range(0, 4);
      const init = [];
      for (let i = rng.int(min + 1); i > 0; i--) init.push(rng.chance(0.8) ? rng.int(nfuncs) : -1);
      mod.table2 = { min, max: rng.chance(0.5) ? rng.range(4, 8) : null, elems: init };
    }
    for (let i = rng.chance(0.5) ? rng.range(1, 2) : 0; i > 0; i--) {
      const seg = [];
      for (let k = rng.range(0, 4); k > 0; k--) seg.push(rng.chance(0.8) ? rng.int(nfuncs) : -1);
      mod.passiveElems.push(seg);
    }
  }
  for (let i = 0; i < nfuncs; i++) new FuncGen(rng, mod, i).generate();
  const starters = mod.funcs.map((_, i) => i).filter((i) => mod.types[mod.funcs[i].type].params.length === 0 && mod.types[mod.funcs[i].type].results.length === 0);
  if (starters.length > 0 && rng.chance(0.3)) mod.start = rng.pick(starters);
  for (let i = rng.range(2, 10); i > 0; i--) {
    const f = rng.int(nfuncs);
    const args = mod.types[mod.funcs[f].type].params.map((t) => randomBits(rng, t, mod.canonical));
    mod.calls.push({ f, args });
  }
  return mod;
}

/** The index of a function type (params -> results), added when missing or when a duplicate entry is wanted. */
export function typeIndex(mod, params, results, duplicate) {
  if (!duplicate) {
    const i = mod.types.findIndex((t) => sameTypes(t.params, params) && sameTypes(t.results, results));
    if (i >= 0) return i;
  }
  mod.types.push({ params: params.slice(), results: results.slice() });
  return mod.types.length - 1;
}

class FuncGen {
  constructor(rng, mod, index) {
    this.rng = rng;
    this.mod = mod;
    this.index = index;
    this.func = mod.funcs[index];
    this.type = mod.types[this.func.type];
    this.labels = [];
    this.size = 0;
    this.maxSize = rng.range(10, rng.chance(0.2) ? 300 : 100);
    this.scratch = new Map();
    this.reserved = new Set();
  }

  generate() {
    // now and then a large frame
    for (let k = this.rng.chance(0.05) ? this.rng.range(20, 200) : this.rng.range(0, 4); k > 0; k--) this.func.locals.push(this.rng.pick(NUM));
    this.func.body = this.body([], this.type.results, 4);
  }

  get nlocals() {
    return this.type.params.length + this.func.locals.length;
  }
  localType(i) {
    return i < this.type.params.length ? this.type.params[i] : this.func.locals[i - this.type.params.length];
  }
  newLocal(t) {
    this.func.locals.push(t);
    return this.nlocals - 1;
  }
  /** A new local that random code never reads or writes (canon's scratch locals, loop counters). */
  reservedLocal(t) {
    const i = this.newLocal(t);
    this.reserved.add(i);
    return i;
  }
  /** The locals of type t that random code may use. */
  localsOf(t) {
    const have = [];
    for (let i = 0; i < this.nlocals; i++) if (this.localType(i) === t && !this.reserved.has(i)) have.push(i);
    return have;
  }
  /** A local of type t (an existing one mostly, else a new one). */
  someLocal(t) {
    const have = this.localsOf(t);
    return have.length > 0 && this.rng.chance(0.9) ? this.rng.pick(have) : this.newLocal(t);
  }
  /** canon's local: reading it elsewhere would let a non-canonical NaN into arithmetic. */
  scratchLocal(t) {
    if (!this.scratch.has(t)) this.scratch.set(t, this.reservedLocal(t));
    return this.scratch.get(t);
  }
  spent() {
    return this.size >= this.maxSize;
  }

  /** A body for a block of type params -> results, with label types `labelTypes` pushed around it. */
  body(params, results, depth, labelTypes = results, isLoop = false) {
    this.labels.push({ types: labelTypes, loop: isLoop });
    const entry = [];
    for (let i = params.length - 1; i >= 0; i--) entry.push(this.rng.chance(0.7) ? { k: "set", local: this.someLocal(params[i]) } : { k: "drop" });
    const stmts = [];
    const n = this.spent() ? 0 : this.rng.range(0, depth > 2 ? 5 : 3);
    for (let i = 0; i < n; i++) stmts.push(this.stmt(depth - 1));
    const body = { results: results.slice(), entry, stmts, tail: this.tail(results, depth - 1) };
    if (isLoop) body.cont = this.values(params, depth - 1);
    this.labels.pop();
    return body;
  }

  /** A label depth to branch to; loops only when `loops` (a branch back to a loop runs it again, until the budget is gone). */
  labelDepth(loops) {
    const ok = [];
    for (let d = 0; d < this.labels.length; d++) if (loops || !this.labels[this.labels.length - 1 - d].loop) ok.push(d);
    return this.rng.pick(ok);
  }
  labelTypes(d) {
    return this.labels[this.labels.length - 1 - d].types;
  }

  tail(results, depth) {
    const r = this.rng;
    const pick = r.int(100);
    if (pick < 2) return { k: "unreachable" };
    if (pick < 12) {
      const d = this.labelDepth(false);
      return { k: "br", depth: d, vals: this.values(this.labelTypes(d), depth) };
    }
    if (pick < 17) {
      const d = this.labelDepth(false);
      const types = this.labelTypes(d);
      const same = [];
      for (let i = 0; i < this.labels.length; i++) if (sameTypes(this.labelTypes(i), types) && !this.labels[this.labels.length - 1 - i].loop) same.push(i);
      const targets = [];
      for (let i = r.range(0, 4); i > 0; i--) targets.push(r.pick(same));
      return { k: "br_table", targets, dflt: d, vals: this.values(types, depth), idx: this.indexExpr(depth, targets.length + 2) };
    }
    if (pick < 21) return { k: "return", vals: this.values(this.type.results, depth) };
    if (pick < 25) {
      const fs = this.mod.funcs.map((f, i) => i).filter((i) => sameTypes(this.mod.types[this.mod.funcs[i].type].results, this.type.results));
      const f = this.callee(fs);
      if (f >= 0 && r.chance(0.6)) {
        return { k: "return_call", f, args: this.values(this.mod.types[this.mod.funcs[f].type].params, depth) };
      }
      if (this.mod.table !== null) {
        const ti = this.pickCallType((t) => sameTypes(t.results, this.type.results));
        if (ti >= 0) {
          return { k: "return_call_indirect", typeIdx: ti, args: this.values(this.mod.types[ti].params, depth), idx: this.tableIndex(ti, depth) };
        }
      }
    }
    return { k: "values", vals: this.values(results, depth) };
  }

  /** A type index for call_indirect satisfying `ok`, usually one that table entries have; -1 when none. */
  pickCallType(ok) {
    const inTable = [];
    for (const f of this.mod.table.elems) if (f >= 0 && ok(this.mod.types[this.mod.funcs[f].type])) inTable.push(this.mod.funcs[f].type);
    if (inTable.length > 0 && this.rng.chance(0.9)) return this.rng.pick(inTable);
    const candidates = [];
    for (let i = 0; i < this.mod.types.length; i++) if (ok(this.mod.types[i])) candidates.push(i);
    return candidates.length > 0 ? this.rng.pick(candidates) : -1;
  }

  /** Nodes that together push exactly `types`. */
  values(types, depth) {
    const out = [];
    let i = 0;
    while (i < types.length) {
      if (types.length - i >= 2 && !this.spent() && depth > 0 && this.rng.chance(0.25)) {
        const j = this.rng.range(i + 2, types.length);
        const seg = types.slice(i, j);
        const fs = this.mod.funcs.map((_, k) => k).filter((k) => sameTypes(this.mod.types[this.mod.funcs[k].type].results, seg));
        out.push(fs.length > 0 && this.rng.chance(0.5) ? this.call(this.rng.pick(fs), depth) : this.blockNode(seg, depth));
        i = j;
      } else out.push(this.expr(types[i++], depth));
    }
    return out;
  }

  /** An i32 index, mostly small (a table or br_table index). */
  indexExpr(depth, bound) {
    const r = this.rng;
    if (r.chance(0.4)) return { k: "const", t: I32, bits: r.int(bound) };
    if (r.chance(0.8)) return { k: "binop", op: 0x70 /* rem_u */, t: I32, a: this.expr(I32, depth - 1), b: { k: "const", t: I32, bits: bound } };
    return this.expr(I32, depth - 1);
  }

  leaf(t) {
    const r = this.rng;
    const pick = r.int(100);
    if (pick < 45) {
      const have = this.localsOf(t);
      if (have.length > 0) return { k: "local.get", t, idx: r.pick(have) };
    }
    if (pick >= 85) {
      const gs = [];
      this.mod.globals.forEach((g, i) => i > 0 && g.t === t && gs.push(i));
      if (gs.length > 0) return { k: "global.get", t, idx: r.pick(gs) };
    }
    return { k: "const", t, bits: randomBits(r, t, this.mod.canonical) };
  }

  expr(t, depth) {
    this.size++;
    const r = this.rng;
    if (depth <= 0 || this.spent() || r.chance(0.25)) return this.leaf(t);
    const pick = r.int(100);
    if (pick < 20) {
      const op = r.pick(UNOPS.filter((u) => u.out === t));
      let a = this.expr(op.in, depth - 1);
      if (FLOAT_TO_BITS.has(op.op)) a = this.canon(op.in, a);
      const node = { k: "unop", op: op.op, t, a };
      return this.mod.canonical && BITS_TO_FLOAT.has(op.op) ? this.canon(t, node) : node;
    }
    if (pick < 48) {
      const op = r.pick(BINOPS.filter((b) => b.out === t));
      const a = this.expr(op.in, depth - 1);
      let b = DIVISIONS.has(op.op) && r.chance(0.3) ? { k: "const", t: op.in, bits: op.in === I32 ? r.pick([0, -1, 1]) : r.pick([0n, -1n, 1n]) } : this.expr(op.in, depth - 1);
      if (COPYSIGN.has(op.op)) b = this.canon(op.in, b);
      if (!COPYSIGN.has(op.op) && r.chance(0.05)) return { k: "binop2", op: op.op, t, m: this.blockNode([op.in, op.in], depth - 1) };
      return { k: "binop", op: op.op, t, a, b };
    }
    if (pick < 56 && this.mod.memory !== null) {
      const l = r.pick(LOADS.filter((x) => x.out === t));
      const node = { k: "load", op: l.op, t, addr: this.address(depth - 1, l.bytes), offset: this.offset(), align: r.int(Math.log2(l.bytes) + 1) };
      return this.mod.canonical && isFloat(t) ? this.canon(t, node) : node;
    }
    if (pick < 63) {
      const fs = this.mod.funcs.map((_, i) => i).filter((i) => this.mod.types[this.mod.funcs[i].type].results[0] === t);
      const f = this.callee(fs);
      const hs = this.mod.hosts.map((_, k) => k).filter((k) => this.mod.types[this.mod.hosts[k].type].results[0] === t);
      if (hs.length > 0 && r.chance(0.2)) return this.first(this.callHost(r.pick(hs), depth - 1));
      if (f >= 0) return this.first(this.call(f, depth - 1));
    }
    if (pick < 67 && this.mod.table !== null) {
      const ti = this.pickCallType((ft) => ft.results[0] === t);
      if (ti >= 0) return this.first(this.callIndirect(ti, depth - 1));
    }
    if (pick < 72) return { k: "select", t, typed: r.chance(0.3), a: this.expr(t, depth - 1), b: this.expr(t, depth - 1), c: this.expr(I32, depth - 1) };
    if (pick < 82) {
      const results = [t];
      if (r.chance(0.2)) results.push(r.pick(NUM));
      return this.first(this.blockNode(results, depth - 1));
    }
    if (pick < 87) return { k: "local.tee", t, idx: this.someLocal(t), v: this.expr(t, depth - 1) };
    if (pick < 90 && t === I32 && this.mod.memory !== null) {
      if (r.chance(0.5)) return { k: "memory.size", t };
      // without a maximum, grows could add a page on every call up to the budget (tens of MiB to hash
      // after every call, and past the engine's memory limit), so there the delta is 0 (a size query)
      if (this.mod.memory.max === null) return { k: "memory.grow", t, v: { k: "const", t: I32, bits: 0 } };
      return { k: "memory.grow", t, v: { k: "binop", op: 0x71, t: I32, a: this.expr(I32, depth - 1), b: { k: "const", t: I32, bits: 1 } } };
    }
    if (pick < 94 && t === I32 && this.mod.table !== null) {
      const table = this.someTable();
      const p2 = r.int(3);
      if (p2 === 0) return { k: "ref.is_null", t, v: this.ref(depth - 1) };
      if (p2 === 1) return { k: "table.size", t, table };
      return { k: "table.grow", t, table, v: this.ref(depth - 1), n: this.small(depth - 1, 3) };
    }
    return this.leaf(t);
  }

  /** A funcref: null, a function, a table element, or a choice between two. */
  ref(depth) {
    this.size++;
    const r = this.rng;
    const pick = r.int(100);
    if (pick < 25 || depth <= 0 || this.spent()) return { k: "ref.null", t: FUNCREF };
    if (pick < 60) return { k: "ref.func", t: FUNCREF, f: r.int(this.mod.funcs.length) };
    if (pick < 85 && this.mod.table !== null) {
      const table = this.someTable();
      return { k: "table.get", t: FUNCREF, table, idx: this.tableSlot(table, depth - 1) };
    }
    return { k: "select", t: FUNCREF, typed: true, a: this.ref(depth - 1), b: this.ref(depth - 1), c: this.expr(I32, depth - 1) };
  }

  someTable() {
    return this.mod.table2 !== null && this.rng.chance(0.5) ? 1 : 0;
  }

  /** An index into table `table`, mostly in bounds of its initial size. */
  tableSlot(table, depth) {
    const size = table === 0 ? this.mod.table.elems.length : this.mod.table2.min;
    if (size > 0 && this.rng.chance(0.6)) return { k: "const", t: I32, bits: this.rng.int(size) };
    if (this.rng.chance(0.3)) return { k: "const", t: I32, bits: this.rng.int(size + 2) };
    return { k: "binop", op: 0x70 /* rem_u */, t: I32, a: this.expr(I32, depth), b: { k: "const", t: I32, bits: size + 2 } };
  }

  /** An i32 in [0, mask]. */
  small(depth, mask) {
    return { k: "binop", op: 0x71, t: I32, a: this.expr(I32, depth), b: { k: "const", t: I32, bits: mask } };
  }

  /** One of the functions `fs`, or -1: mostly a later one, since calls back (recursion) soon spend the budget. */
  callee(fs) {
    const later = fs.filter((f) => f > this.index);
    if (later.length > 0 && this.rng.chance(0.9)) return this.rng.pick(later);
    return fs.length > 0 && this.rng.chance(0.1) ? this.rng.pick(fs) : -1;
  }

  /** The first value of a multi-value node (the others dropped). */
  first(node) {
    return node.out.length === 1 ? node : { k: "first", t: node.out[0], m: node };
  }

  canon(t, a) {
    return { k: "canon", t, a, scratch: this.scratchLocal(t) };
  }

  call(f, depth) {
    const ft = this.mod.types[this.mod.funcs[f].type];
    return { k: "call", f, args: this.values(ft.params, depth), out: ft.results.slice() };
  }

  callHost(k, depth) {
    const ft = this.mod.types[this.mod.hosts[k].type];
    return { k: "call", host: k, args: this.values(ft.params, depth), out: ft.results.slice() };
  }

  callIndirect(ti, depth) {
    const ft = this.mod.types[ti];
    if (this.mod.table2 !== null && this.rng.chance(0.3)) {
      return { k: "call_indirect", typeIdx: ti, table: 1, args: this.values(ft.params, depth), idx: this.tableSlot(1, depth), out: ft.results.slice() };
    }
    return { k: "call_indirect", typeIdx: ti, table: 0, args: this.values(ft.params, depth), idx: this.tableIndex(ti, depth), out: ft.results.slice() };
  }

  /** An index into the table for a call of type ti: mostly a slot whose function has that type. */
  tableIndex(ti, depth) {
    const t = this.mod.types[ti];
    const slots = [];
    this.mod.table.elems.forEach((f, i) => {
      if (f < 0) return;
      const ft = this.mod.types[this.mod.funcs[f].type];
      if (sameTypes(ft.params, t.params) && sameTypes(ft.results, t.results)) slots.push(i);
    });
    const later = slots.filter((i) => this.mod.table.elems[i] > this.index);
    if (later.length > 0 && this.rng.chance(0.85)) return { k: "const", t: I32, bits: this.rng.pick(later) };
    if (slots.length > 0 && this.rng.chance(0.5)) return { k: "const", t: I32, bits: this.rng.pick(slots) };
    return this.indexExpr(depth, this.mod.table.elems.length + 1);
  }

  /** An address for an access of `width` bytes: mostly in bounds, sometimes at the edge or beyond. */
  address(depth, width) {
    const r = this.rng;
    const pages = Math.max(1, this.mod.memory.min);
    const pick = r.int(100);
    if (pick < 65) return { k: "binop", op: 0x71, t: I32, a: this.expr(I32, depth), b: { k: "const", t: I32, bits: r.pick([0xff, 0xfff, 0x7ff8, 0xfffc]) } };
    if (pick < 88) return { k: "const", t: I32, bits: r.int(256) };
    if (pick < 95) return { k: "const", t: I32, bits: (pages * PAGE - width + r.range(-2, 2)) | 0 };
    return this.expr(I32, depth);
  }

  offset() {
    const r = this.rng;
    return r.chance(0.85) ? r.int(16) : r.chance(0.7) ? r.int(4096) : r.pick([PAGE - 8, PAGE, 0x7fffffff, 0xffffffff]);
  }

  /** A block, loop or if that pushes `results` (maybe taking parameters first). */
  blockNode(results, depth) {
    const r = this.rng;
    const params = [];
    if (r.chance(0.25)) for (let k = r.range(1, 2); k > 0; k--) params.push(r.pick(NUM));
    const typeIdx = params.length > 0 || results.length > 1 ? typeIndex(this.mod, params, results, false) : -1;
    const bt = { params, results: results.slice(), typeIdx };
    const args = this.values(params, depth);
    const pick = r.int(100);
    if (pick < 45) return { k: "block", bt, args, body: this.body(params, results, depth), out: results.slice() };
    if (pick < 70) {
      const counter = this.reservedLocal(I32);
      return { k: "loop", bt, args, counter, iterations: r.range(0, 4), body: this.body(params, results, depth, params, true), out: results.slice() };
    }
    const cond = this.expr(I32, depth - 1);
    return { k: "if", bt, args, cond, then: this.body(params, results, depth), else: this.body(params, results, depth), out: results.slice() };
  }

  stmt(depth) {
    this.size++;
    const r = this.rng;
    const pick = r.int(100);
    if (pick < 20) {
      const idx = this.someLocal(r.pick(NUM));
      return { k: "local.set", idx, v: this.expr(this.localType(idx), depth) };
    }
    if (pick < 26) {
      const gs = [];
      this.mod.globals.forEach((g, i) => i > 0 && g.mutable && gs.push(i));
      if (gs.length > 0) {
        const idx = r.pick(gs);
        return { k: "global.set", idx, v: this.expr(this.mod.globals[idx].t, depth) };
      }
    }
    if (pick < 40 && this.mod.memory !== null) {
      const s = r.pick(STORES);
      let v = this.expr(s.in, depth);
      if (isFloat(s.in)) v = this.canon(s.in, v);
      return { k: "store", op: s.op, addr: this.address(depth, s.bytes), v, offset: this.offset(), align: r.int(Math.log2(s.bytes) + 1) };
    }
    if (pick < 48) return { k: "drop", v: this.expr(r.pick(NUM), depth) };
    if (pick < 58) {
      const d = this.labelDepth(r.chance(0.1));
      return { k: "br_if", depth: d, vals: this.values(this.labelTypes(d), depth), cond: this.expr(I32, depth) };
    }
    if (pick < 78 && depth > 0) {
      const results = r.chance(0.6) ? [] : [r.pick(NUM)];
      const node = this.blockNode(results, depth);
      return results.length === 0 ? node : { k: "drop", v: node };
    }
    if (pick < 86) {
      if (this.mod.hosts.length > 0 && r.chance(0.25)) return { k: "drop", v: this.callHost(r.int(this.mod.hosts.length), depth) };
      const f = this.callee(this.mod.funcs.map((_, i) => i));
      if (f >= 0) return { k: "drop", v: this.call(f, depth) };
    }
    if (pick < 90 && this.mod.table !== null) {
      const ti = this.pickCallType(() => true);
      return { k: "drop", v: this.callIndirect(ti, depth) };
    }
    if (pick < 94 && this.mod.memory !== null) {
      const small = (b) => ({ k: "binop", op: 0x71, t: I32, a: this.expr(I32, depth - 1), b: { k: "const", t: I32, bits: b } });
      if (r.chance(0.5)) return { k: "memory.fill", d: this.address(depth - 1, 1), v: this.expr(I32, depth - 1), n: small(0xff) };
      return { k: "memory.copy", d: this.address(depth - 1, 1), s: this.address(depth - 1, 1), n: small(0xff) };
    }
    if (pick < 95) return { k: "trap_if", cond: { k: "binop", op: 0x46, t: I32, a: this.expr(I32, depth - 1), b: { k: "const", t: I32, bits: r.int(4) } } };
    if (pick < 98) {
      const s = this.bulkStmt(depth - 1);
      if (s !== null) return s;
    }
    return { k: "nop" };
  }

  /** A table or segment instruction: table.set/fill/copy/init, elem.drop, memory.init, data.drop; null when the module has nothing for it. */
  bulkStmt(depth) {
    const r = this.rng;
    const pick = r.int(7);
    if (pick <= 1 && this.mod.passiveData.length > 0 && this.mod.memory !== null) {
      const seg = r.int(this.mod.passiveData.length);
      if (pick === 1) return { k: "data.drop", seg };
      return { k: "memory.init", seg, d: this.address(depth, 1), s: this.small(depth, 0x3f), n: this.small(depth, 0x1f) };
    }
    if (this.mod.table === null) return null;
    const table = this.someTable();
    if (pick === 2) return { k: "table.set", table, idx: this.tableSlot(table, depth), v: this.ref(depth) };
    if (pick === 3) return { k: "table.fill", table, d: this.tableSlot(table, depth), v: this.ref(depth), n: this.small(depth, 3) };
    if (pick === 4) {
      const src = this.someTable();
      return { k: "table.copy", dst: table, src, d: this.tableSlot(table, depth), s: this.tableSlot(src, depth), n: this.small(depth, 3) };
    }
    if (this.mod.passiveElems.length === 0) return null;
    const seg = r.int(this.mod.passiveElems.length);
    if (pick === 5) return { k: "elem.drop", seg };
    return { k: "table.init", table, seg, d: this.tableSlot(table, depth), s: this.small(depth, 3), n: this.small(depth, 3) };
  }
}
