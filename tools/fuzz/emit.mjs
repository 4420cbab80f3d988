// Encodes a generated module (gen.mjs) as a Wasm binary, adding an exported
// wrapper for each function the call list calls: "w<i>" takes and returns floats as their integer bits
// (f32 as i32, f64 as i64) so that no NaN payload is lost between JS and Wasm,
// and sets the budget (global 0) before calling function i.
import { Bytes } from "./wasm-bytes.mjs";
import { BUDGET } from "./gen.mjs";
import { F32, F64, I32, I64 } from "./ops.mjs";

/** The wrapper's view of a value type: floats travel as integer bits. */
export const bitsType = (t) => (t === F32 ? I32 : t === F64 ? I64 : t);

function name(b, s) {
  b.sized(new TextEncoder().encode(s));
}

function constant(b, t, bits) {
  switch (t) {
    case I32:
      b.byte(0x41).s32(bits);
      break;
    case I64:
      b.byte(0x42).s64(bits);
      break;
    case F32:
      b.byte(0x43).f32bits(bits >>> 0);
      break;
    default:
      b.byte(0x44).f64bits(BigInt(bits));
  }
}

function blockType(b, bt) {
  if (bt.typeIdx >= 0) b.s32(bt.typeIdx);
  else if (bt.results.length === 0) b.byte(0x40);
  else b.byte(bt.results[0]);
}

function op(b, code) {
  if (code >= 0xfc00) b.byte(0xfc).u32(code & 0xff);
  else b.byte(code);
}

/** global.get 0; i32.eqz; if unreachable end; global 0 -= 1 */
function budgetCheck(b) {
  b.byte(0x23).u32(0).byte(0x45).byte(0x04).byte(0x40).byte(0x00).byte(0x0b);
  b.byte(0x23).u32(0).byte(0x41).s32(1).byte(0x6b).byte(0x24).u32(0);
}

function nodes(b, list) {
  for (const n of list) node(b, n);
}

function body(b, bd, loop) {
  if (loop) budgetCheck(b);
  for (const e of bd.entry) {
    if (e.k === "drop") b.byte(0x1a);
    else b.byte(0x21).u32(e.local);
  }
  for (const s of bd.stmts) node(b, s);
  if (loop) {
    // carry the parameters back to the loop while the counter lasts
    nodes(b, bd.cont);
    b.byte(0x20).u32(loop.counter).byte(0x41).s32(1).byte(0x6b).byte(0x22).u32(loop.counter);
    b.byte(0x41).s32(0).byte(0x4a).byte(0x0d).u32(0);
    for (let i = 0; i < loop.bt.params.length; i++) b.byte(0x1a);
  }
  tail(b, bd.tail);
}

function tail(b, t) {
  switch (t.k) {
    case "values":
      nodes(b, t.vals);
      break;
    case "br":
      nodes(b, t.vals);
      b.byte(0x0c).u32(t.depth);
      break;
    case "br_table":
      nodes(b, t.vals);
      node(b, t.idx);
      b.byte(0x0e).u32(t.targets.length);
      for (const d of t.targets) b.u32(d);
      b.u32(t.dflt);
      break;
    case "return":
      nodes(b, t.vals);
      b.byte(0x0f);
      break;
    case "unreachable":
      b.byte(0x00);
      break;
    case "return_call":
      nodes(b, t.args);
      b.byte(0x12).u32(fidx(t.f));
      break;
    case "return_call_indirect":
      nodes(b, t.args);
      node(b, t.idx);
      b.byte(0x13).u32(t.typeIdx).u32(t.table || 0);
      break;
    default:
      throw new Error("emit: unknown tail " + t.k);
  }
}

// Numbering in the module being emitted: imported (host) functions come before the module's own,
// passive segments after the active ones.
const ctx = { funcBase: 0, elemBase: 0, dataBase: 0 };
/** The function index of the module's own function f. */
const fidx = (f) => ctx.funcBase + f;

function node(b, n) {
  switch (n.k) {
    case "const":
      constant(b, n.t, n.bits);
      break;
    case "local.get":
      b.byte(0x20).u32(n.idx);
      break;
    case "local.set":
      node(b, n.v);
      b.byte(0x21).u32(n.idx);
      break;
    case "local.tee":
      node(b, n.v);
      b.byte(0x22).u32(n.idx);
      break;
    case "global.get":
      b.byte(0x23).u32(n.idx);
      break;
    case "global.set":
      node(b, n.v);
      b.byte(0x24).u32(n.idx);
      break;
    case "unop":
      node(b, n.a);
      op(b, n.op);
      break;
    case "binop":
      node(b, n.a);
      node(b, n.b);
      op(b, n.op);
      break;
    case "binop2":
      node(b, n.m);
      op(b, n.op);
      break;
    case "load":
      node(b, n.addr);
      b.byte(n.op).u32(n.align).u32(n.offset);
      break;
    case "store":
      node(b, n.addr);
      node(b, n.v);
      b.byte(n.op).u32(n.align).u32(n.offset);
      break;
    case "canon": {
      // x == x ? x : canonical NaN (select keeps the bits of what it picks)
      const s = n.scratch;
      node(b, n.a);
      b.byte(0x21).u32(s).byte(0x20).u32(s);
      constant(b, n.t, n.t === F32 ? 0x7fc00000 : 0x7ff8000000000000n);
      b.byte(0x20).u32(s).byte(0x20).u32(s).byte(n.t === F32 ? 0x5b : 0x61).byte(0x1b);
      break;
    }
    case "select":
      node(b, n.a);
      node(b, n.b);
      node(b, n.c);
      if (n.typed) b.byte(0x1c).u32(1).byte(n.t);
      else b.byte(0x1b);
      break;
    case "call":
      nodes(b, n.args);
      b.byte(0x10).u32(n.host !== undefined ? n.host : fidx(n.f));
      break;
    case "call_indirect":
      nodes(b, n.args);
      node(b, n.idx);
      b.byte(0x11).u32(n.typeIdx).u32(n.table || 0);
      break;
    case "ref.null":
      b.byte(0xd0).byte(0x70);
      break;
    case "ref.func":
      b.byte(0xd2).u32(fidx(n.f));
      break;
    case "ref.is_null":
      node(b, n.v);
      b.byte(0xd1);
      break;
    case "table.get":
      node(b, n.idx);
      b.byte(0x25).u32(n.table);
      break;
    case "table.set":
      node(b, n.idx);
      node(b, n.v);
      b.byte(0x26).u32(n.table);
      break;
    case "table.size":
      b.byte(0xfc).u32(16).u32(n.table);
      break;
    case "table.grow":
      node(b, n.v);
      node(b, n.n);
      b.byte(0xfc).u32(15).u32(n.table);
      break;
    case "table.fill":
      node(b, n.d);
      node(b, n.v);
      node(b, n.n);
      b.byte(0xfc).u32(17).u32(n.table);
      break;
    case "table.copy":
      node(b, n.d);
      node(b, n.s);
      node(b, n.n);
      b.byte(0xfc).u32(14).u32(n.dst).u32(n.src);
      break;
    case "table.init":
      node(b, n.d);
      node(b, n.s);
      node(b, n.n);
      b.byte(0xfc).u32(12).u32(ctx.elemBase + n.seg).u32(n.table);
      break;
    case "elem.drop":
      b.byte(0xfc).u32(13).u32(ctx.elemBase + n.seg);
      break;
    case "memory.init":
      node(b, n.d);
      node(b, n.s);
      node(b, n.n);
      b.byte(0xfc).u32(8).u32(ctx.dataBase + n.seg).byte(0x00);
      break;
    case "data.drop":
      b.byte(0xfc).u32(9).u32(ctx.dataBase + n.seg);
      break;
    case "drop":
      node(b, n.v);
      for (let i = 0; i < outTypes(n.v).length; i++) b.byte(0x1a);
      break;
    case "first":
      node(b, n.m);
      for (let i = 1; i < n.m.out.length; i++) b.byte(0x1a);
      break;
    case "block":
      nodes(b, n.args);
      b.byte(0x02);
      blockType(b, n.bt);
      body(b, n.body, null);
      b.byte(0x0b);
      break;
    case "loop":
      nodes(b, n.args);
      b.byte(0x41).s32(n.iterations).byte(0x21).u32(n.counter);
      b.byte(0x03);
      blockType(b, n.bt);
      body(b, n.body, n);
      b.byte(0x0b);
      break;
    case "if":
      nodes(b, n.args);
      node(b, n.cond);
      b.byte(0x04);
      blockType(b, n.bt);
      body(b, n.then, null);
      b.byte(0x05);
      body(b, n.else, null);
      b.byte(0x0b);
      break;
    case "br_if":
      nodes(b, n.vals);
      node(b, n.cond);
      b.byte(0x0d).u32(n.depth);
      for (const v of n.vals) for (let i = 0; i < outTypes(v).length; i++) b.byte(0x1a);
      break;
    case "memory.size":
      b.byte(0x3f).byte(0x00);
      break;
    case "memory.grow":
      node(b, n.v);
      b.byte(0x40).byte(0x00);
      break;
    case "memory.fill":
      node(b, n.d);
      node(b, n.v);
      node(b, n.n);
      b.byte(0xfc).u32(11).byte(0x00);
      break;
    case "memory.copy":
      node(b, n.d);
      node(b, n.s);
      node(b, n.n);
      b.byte(0xfc).u32(10).byte(0x00).byte(0x00);
      break;
    case "trap_if":
      node(b, n.cond);
      b.byte(0x04).byte(0x40).byte(0x00).byte(0x0b);
      break;
    case "nop":
      b.byte(0x01);
      break;
    default:
      throw new Error("emit: unknown node " + n.k);
  }
}

/** The types a node pushes. */
export function outTypes(n) {
  if (n.out) return n.out;
  if (n.t !== undefined) return [n.t];
  return [];
}

function locals(b, list) {
  const groups = [];
  for (const t of list) {
    if (groups.length > 0 && groups[groups.length - 1].t === t) groups[groups.length - 1].n++;
    else groups.push({ t, n: 1 });
  }
  b.u32(groups.length);
  for (const g of groups) b.u32(g.n).byte(g.t);
}

function section(out, id, fill) {
  const b = new Bytes();
  fill(b);
  out.byte(id).sized(b.bytes());
}

function valTypes(b, list) {
  b.u32(list.length);
  for (const t of list) b.byte(t);
}

/** The functions that get a wrapper: those the call list calls. */
export function wrapped(mod) {
  return [...new Set(mod.calls.map((c) => c.f))].sort((a, b) => a - b);
}

/** The wrapper types (appended to the module's types) and each wrapper's type index. */
function wrapperTypes(mod) {
  const types = mod.types.slice();
  const index = wrapped(mod).map((f) => {
    const ft = mod.types[mod.funcs[f].type];
    types.push({ params: ft.params.map(bitsType), results: ft.results.map(bitsType) });
    return types.length - 1;
  });
  return { types, index };
}

function wrapperBody(mod, f) {
  const ft = mod.types[mod.funcs[f].type];
  const b = new Bytes();
  const np = ft.params.length;
  locals(b, ft.results);
  b.byte(0x41).s32(BUDGET).byte(0x24).u32(0);
  ft.params.forEach((t, i) => {
    b.byte(0x20).u32(i);
    if (t === F32) b.byte(0xbe);
    if (t === F64) b.byte(0xbf);
  });
  b.byte(0x10).u32(fidx(f));
  for (let i = ft.results.length - 1; i >= 0; i--) b.byte(0x21).u32(np + i);
  ft.results.forEach((t, i) => {
    b.byte(0x20).u32(np + i);
    if (t === F32) b.byte(0xbc);
    if (t === F64) b.byte(0xbd);
  });
  b.byte(0x0b);
  return b.bytes();
}

function elemExprs(b, list) {
  b.u32(list.length);
  for (const e of list) {
    if (e < 0) b.byte(0xd0).byte(0x70).byte(0x0b);
    else b.byte(0xd2).u32(fidx(e)).byte(0x0b);
  }
}

/** The module's binary. */
export function emitModule(mod) {
  const out = new Bytes().raw([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const hosts = mod.hosts || [];
  ctx.funcBase = hosts.length;
  ctx.elemBase = (mod.table !== null ? 1 : 0) + (mod.table2 ? 1 : 0);
  ctx.dataBase = mod.data.length;
  const passiveData = mod.passiveData || [];
  const n = mod.funcs.length;
  const wt = wrapperTypes(mod);
  const ws = wrapped(mod);
  section(out, 1, (b) => {
    b.u32(wt.types.length);
    for (const t of wt.types) {
      b.byte(0x60);
      valTypes(b, t.params);
      valTypes(b, t.results);
    }
  });
  if (hosts.length > 0) {
    section(out, 2, (b) => {
      b.u32(hosts.length);
      hosts.forEach((h, k) => {
        name(b, "env");
        name(b, "h" + k);
        b.byte(0x00).u32(h.type);
      });
    });
  }
  section(out, 3, (b) => {
    b.u32(n + ws.length);
    for (const f of mod.funcs) b.u32(f.type);
    for (const i of wt.index) b.u32(i);
  });
  if (mod.table !== null) {
    section(out, 4, (b) => {
      b.u32(mod.table2 ? 2 : 1).byte(0x70).byte(0x00).u32(mod.table.elems.length);
      if (mod.table2 && mod.table2.max === null) b.byte(0x70).byte(0x00).u32(mod.table2.min);
      else if (mod.table2) b.byte(0x70).byte(0x01).u32(mod.table2.min).u32(mod.table2.max);
    });
  }
  if (mod.memory !== null) {
    section(out, 5, (b) => {
      b.u32(1);
      if (mod.memory.max === null) b.byte(0x00).u32(mod.memory.min);
      else b.byte(0x01).u32(mod.memory.min).u32(mod.memory.max);
    });
  }
  section(out, 6, (b) => {
    b.u32(mod.globals.length);
    for (const g of mod.globals) {
      b.byte(g.t).byte(g.mutable ? 1 : 0);
      constant(b, g.t, g.bits);
      b.byte(0x0b);
    }
  });
  section(out, 7, (b) => {
    b.u32(ws.length + mod.globals.length + (mod.memory !== null ? 1 : 0));
    ws.forEach((f, i) => {
      name(b, "w" + f);
      b.byte(0x00).u32(fidx(n + i));
    });
    mod.globals.forEach((_, i) => {
      name(b, "g" + i);
      b.byte(0x03).u32(i);
    });
    if (mod.memory !== null) {
      name(b, "mem");
      b.byte(0x02).u32(0);
    }
  });
  if (mod.start >= 0) section(out, 8, (b) => b.u32(fidx(mod.start)));
  section(out, 9, (b) => {
    const passive = mod.passiveElems || [];
    b.u32(ctx.elemBase + passive.length + 1);
    if (mod.table !== null) {
      // flags 4: active, table 0, element expressions (so that null entries can be written)
      b.u32(4).byte(0x41).s32(0).byte(0x0b);
      elemExprs(b, mod.table.elems);
    }
    if (mod.table2) {
      // flags 6: active, explicit table index, element kind funcref, expressions
      b.u32(6).u32(1).byte(0x41).s32(0).byte(0x0b).byte(0x70);
      elemExprs(b, mod.table2.elems);
    }
    for (const seg of passive) {
      // flags 5: passive, funcref expressions
      b.u32(5).byte(0x70);
      elemExprs(b, seg);
    }
    // flags 3: declarative, so that ref.func may name every function
    b.u32(3).byte(0x00).u32(n);
    for (let i = 0; i < n; i++) b.u32(fidx(i));
  });
  if (mod.data.length + passiveData.length > 0) section(out, 12, (b) => b.u32(mod.data.length + passiveData.length));
  section(out, 10, (b) => {
    b.u32(n + ws.length);
    for (const f of mod.funcs) {
      const fb = new Bytes();
      locals(fb, f.locals);
      budgetCheck(fb);
      body(fb, f.body, null);
      fb.byte(0x0b);
      b.sized(fb.bytes());
    }
    for (const f of ws) b.sized(wrapperBody(mod, f));
  });
  if (mod.data.length + passiveData.length > 0) {
    section(out, 11, (b) => {
      b.u32(mod.data.length + passiveData.length);
      for (const d of mod.data) {
        b.u32(0).byte(0x41).s32(d.offset).byte(0x0b);
        b.sized(d.bytes);
      }
      for (const d of passiveData) b.u32(1).sized(d.bytes);
    });
  }
  return out.bytes();
}
