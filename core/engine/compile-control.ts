// Compiling control instructions: blocks, branches, returns and calls,
// validated with the spec's algorithm and translated into absolute branches
// with value copies (README.md, "Internal code").
import type { i32 } from "../types";
import { ValType } from "./types";
import { Ctrl, CtrlKind, FuncState, Kind, UNKNOWN, is64, isNum } from "./compile-state";
import { negatedCompare } from "./compile-numeric";
import { Op } from "./ops";

const EMPTY = new Uint8Array(0);
const ONE_I32 = new Uint8Array([ValType.I32]);
const ONE_I64 = new Uint8Array([ValType.I64]);
const ONE_F32 = new Uint8Array([ValType.F32]);
const ONE_F64 = new Uint8Array([ValType.F64]);
const ONE_FUNCREF = new Uint8Array([ValType.FuncRef]);
const ONE_EXTERNREF = new Uint8Array([ValType.ExternRef]);

/** A block type's params and results, as read by readBlockType. */
export class BlockType {
  params: Uint8Array = EMPTY;
  results: Uint8Array = EMPTY;
}

/**
 * Reads a block type: 0x40 for none or a value type, each one byte, else a
 * type index as a non-negative s33 (a value type spelled in more bytes is
 * malformed). False on failure.
 */
export function readBlockType(s: FuncState, bt: BlockType): boolean {
  bt.params = EMPTY;
  switch (s.r.peek()) {
    case 0x40:
      bt.results = EMPTY;
      break;
    case ValType.I32:
      bt.results = ONE_I32;
      break;
    case ValType.I64:
      bt.results = ONE_I64;
      break;
    case ValType.F32:
      bt.results = ONE_F32;
      break;
    case ValType.F64:
      bt.results = ONE_F64;
      break;
    case ValType.FuncRef:
      bt.results = ONE_FUNCREF;
      break;
    case ValType.ExternRef:
      bt.results = ONE_EXTERNREF;
      break;
    case ValType.V128:
      return s.invalid("SIMD is not supported: block type v128");
    default: {
      const v = s.r.s33();
      if (!s.ok()) return false;
      if (v < 0) return s.malformed("malformed block type");
      if (v >= s.m.types.length) return s.invalid("unknown type " + v);
      const ft = s.m.types[v | 0];
      bt.params = ft.params;
      bt.results = ft.results;
      return true;
    }
  }
  s.r.u8();
  return s.ok();
}

// ---------------------------------------------------------------- blocks

/** If the condition at height h is the result of the i32 comparison just emitted, turns that instruction into a branch (taken when the comparison holds, or fails if `negate`); returns the position of its target operand, or -1. */
function fuseCompare(s: FuncState, h: i32, negate: boolean): i32 {
  if (!s.isLastResult(h)) return -1;
  const at = s.lastOp;
  s.branchAt = at;
  const op = s.code[at];
  if (op === Op.I32_EQZ) {
    s.code[at] = negate ? Op.BR_IF_NEZ : Op.BR_IF_EQZ;
    s.code[at + 1] = s.code[at + 2];
    s.forget();
    return (at + 2) | 0;
  }
  let k = -1;
  let base: i32 = Op.BR_IF_EQ;
  if (op >= Op.I32_EQ && op <= Op.I32_GE_U) {
    k = (op - Op.I32_EQ) | 0;
  } else if (op >= Op.I32_EQ_IMM && op <= Op.I32_GE_U_IMM) {
    k = (op - Op.I32_EQ_IMM) | 0;
    base = Op.BR_IF_EQ_IMM;
  }
  if (k < 0) return -1;
  if (negate) k = negatedCompare(k);
  s.code[at] = (base + k) | 0;
  s.code[at + 1] = s.code[at + 2];
  s.code[at + 2] = s.code[at + 3];
  s.forget();
  return (at + 3) | 0;
}

/** Emits a branch taken when the i32 at height h is non-zero (or zero if `negate`); returns the position of its target operand. */
function condBranch(s: FuncState, h: i32, negate: boolean): i32 {
  const fused = fuseCompare(s, h, negate);
  if (fused >= 0) return fused;
  const c = s.use(h);
  s.branchAt = s.op(negate ? Op.BR_IF_EQZ : Op.BR_IF_NEZ, 2);
  s.arg(c);
  s.arg(-1);
  return (s.pc - 1) | 0;
}

/** block, loop, if. */
export function compileBlock(s: FuncState, kind: CtrlKind, bt: BlockType): void {
  let condH = -1;
  if (kind === CtrlKind.If) condH = s.popType(ValType.I32);
  const n = bt.params.length;
  const low = s.popTypes(bt.params);
  let elseFixup = -1;
  let header = -1;
  if (s.live() && s.ok()) {
    // everything the block could see change must be in its slot: its params, and any lazy local below
    let needed = s.hasLazyLocal(-1, low);
    for (let i = 0; i < n; i++) if (s.kinds[low + i] !== Kind.Slot) needed = true;
    if (kind === CtrlKind.If && !needed) {
      elseFixup = condBranch(s, condH, true);
    } else {
      s.materializeLocals(-1, low);
      for (let i = 0; i < n; i++) s.materialize((low + i) | 0);
      if (kind === CtrlKind.If) elseFixup = condBranch(s, condH, true);
    }
    if (kind === CtrlKind.Loop) {
      // the header: back edges come here
      header = s.pc;
      s.join();
    }
  }
  const c = s.pushCtrl(kind, bt.params, bt.results);
  c.elseFixup = elseFixup;
  if (kind === CtrlKind.Loop) {
    c.label = header;
    s.fuelCtrl = c;
  }
  s.pushTypes(bt.params);
}

/** Copies the top `n` operands into their own slots (before a label where they must be). */
function materializeTop(s: FuncState, c: Ctrl, n: i32): void {
  for (let h = (s.height - n) | 0; h < s.height; h++) if (h >= c.height) s.materialize(h);
}

export function compileElse(s: FuncState): void {
  const c = s.top();
  if (c.kind !== CtrlKind.If) {
    s.malformed("else without a matching if");
    return;
  }
  if (s.live()) materializeTop(s, c, c.results.length);
  const wasLive = s.live();
  s.popTypes(c.results);
  if (s.height !== c.height) s.invalid("type mismatch: values remain on the stack at the end of the then branch");
  s.dropTo(c.height);
  if (wasLive && s.ok()) {
    s.op(Op.BR, 1);
    s.arg(-1);
    s.target(c, (s.pc - 1) | 0);
  }
  s.setReachable(c);
  if (c.elseFixup >= 0) s.bindHere(c.elseFixup);
  c.elseFixup = -1;
  c.kind = CtrlKind.Else;
  s.pushTypes(c.params);
}

/** end: closes the innermost frame. Returns true when it was the function's. */
export function compileEnd(s: FuncState): boolean {
  const c = s.top();
  if (c.kind === CtrlKind.Func) {
    const low = s.popTypes(c.results);
    if (s.live() && low >= 0 && s.ok()) emitReturn(s, low);
    s.closeCtrl();
    return true;
  }
  if (s.live()) materializeTop(s, c, c.results.length);
  if (c.kind === CtrlKind.If && !sameTypes(c.params, c.results)) {
    s.invalid("type mismatch: an if without else must leave its params as its results");
  }
  s.popCtrl();
  if (!s.ok()) return false;
  if (c.elseFixup >= 0) s.bindHere(c.elseFixup);
  if (c.fixups >= 0) s.bindChain(c.fixups);
  if (c.kind === CtrlKind.Loop) {
    // back edges charge a whole iteration; the first one is charged with the enclosing body
    let p = c.fuelPos;
    while (p >= 0) {
      const next = s.code[p];
      s.code[p] = c.fuel;
      p = next;
    }
    s.fuelCtrl = enclosingFuelCtrl(s);
    s.fuelCtrl.fuel = (s.fuelCtrl.fuel + c.fuel) | 0;
  }
  s.pushTypes(c.results);
  return false;
}

function enclosingFuelCtrl(s: FuncState): Ctrl {
  for (let i = (s.depth - 1) | 0; i > 0; i--) {
    const c = s.ctrls[i];
    if (c.kind === CtrlKind.Loop) return c;
  }
  return s.ctrls[0];
}

function sameTypes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------- branches

/** Whether a branch to c with the operands of heights [low, low + n) must copy them first (or, from a br_table, needs a stub). */
function needsCopy(s: FuncState, c: Ctrl, low: i32, n: i32, inTable: boolean): boolean {
  if (c.kind === CtrlKind.Func) return true;
  // a back edge charges fuel: a br_table reaches a loop through a stub with BR_LOOP
  if (c.kind === CtrlKind.Loop && inTable) return true;
  if (n === 0) return false;
  if (low !== c.height) return true;
  for (let i = 0; i < n; i++) if (s.kinds[low + i] !== Kind.Slot) return true;
  return false;
}

/** Emits the copies and the jump of a branch to c carrying the operands of heights [low, low + n). */
function emitBranch(s: FuncState, c: Ctrl, low: i32, n: i32): void {
  if (c.kind === CtrlKind.Func) {
    emitReturn(s, low);
    return;
  }
  for (let i = 0; i < n; i++) s.copyTo((low + i) | 0, s.slotOf((c.height + i) | 0));
  const at = s.op(Op.BR, 1);
  s.arg(-1);
  s.branchTo(c, at, (s.pc - 1) | 0);
}

export function compileBr(s: FuncState, depth: i32): void {
  const c = s.label(depth);
  if (c === null) {
    s.invalid("unknown label " + depth);
    return;
  }
  const ts = s.labelTypes(c);
  const low = s.popTypes(ts);
  if (s.live() && low >= 0 && s.ok()) emitBranch(s, c, low, ts.length);
  s.setUnreachable();
}

export function compileBrIf(s: FuncState, depth: i32): void {
  const c = s.label(depth);
  if (c === null) {
    s.invalid("unknown label " + depth);
    return;
  }
  const condH = s.popType(ValType.I32);
  const ts = s.labelTypes(c);
  const n = ts.length;
  const low = s.popTypes(ts);
  if (s.live() && low >= 0 && condH >= 0 && s.ok()) {
    if (!needsCopy(s, c, low, n, false)) {
      const pos = condBranch(s, condH, false);
      s.branchTo(c, s.branchAt, pos);
    } else {
      const skip = condBranch(s, condH, true);
      emitBranch(s, c, low, n);
      s.bindHere(skip);
    }
  }
  if (low >= 0) s.unpop(low, ts);
  else s.pushTypes(ts);
}

/** br_table: the labels are read first (the default comes last), then checked as the spec's algorithm does. */
export function compileBrTable(s: FuncState, labels: Int32Array, count: i32): void {
  const condH = s.popType(ValType.I32);
  const dflt = s.label(labels[count]);
  if (dflt === null) {
    s.invalid("unknown label " + labels[count]);
    return;
  }
  const arity = s.labelTypes(dflt).length;
  for (let i = 0; i < count; i++) {
    const c = s.label(labels[i]);
    if (c === null) {
      s.invalid("unknown label " + labels[i]);
      return;
    }
    const ts = s.labelTypes(c);
    if (ts.length !== arity) {
      s.invalid("type mismatch: br_table targets carry " + ts.length + " and " + arity + " values");
      return;
    }
    popTypesKeep(s, ts);
  }
  const ts = s.labelTypes(dflt);
  const low = s.popTypes(ts);
  if (s.live() && low >= 0 && condH >= 0 && s.ok()) emitBrTable(s, labels, count, condH, low, arity);
  s.setUnreachable();
}

/** The spec's push_vals(pop_vals(ts)): checks the top operands against ts and leaves them as they were. */
function popTypesKeep(s: FuncState, ts: Uint8Array): void {
  const top = s.height;
  const low = s.popTypes(ts);
  if (low >= 0) {
    s.unpop(low, s.types.subarray(low, top));
    return;
  }
  // some came from the polymorphic stack (unreachable code, nothing emitted): their types are unknown
  const n = ts.length;
  const known = (top - s.height) | 0;
  const kept = s.types.slice(s.height, top);
  for (let i = 0; i < n - known; i++) s.push(UNKNOWN);
  for (let i = 0; i < known; i++) s.push(kept[i]);
}

function emitBrTable(s: FuncState, labels: Int32Array, count: i32, condH: i32, low: i32, n: i32): void {
  const cond = s.use(condH);
  s.op(Op.BR_TABLE, (count + 3) | 0);
  s.arg(cond);
  s.arg(count);
  if (s.stubs.length < s.depth) s.stubs = new Int32Array(s.depth * 2);
  for (let i = 0; i <= count; i++) s.stubs[labels[i]] = -1;
  for (let i = 0; i <= count; i++) {
    const d = labels[i];
    const c = s.label(d)!;
    const pos = s.pc;
    s.arg(-1);
    if (needsCopy(s, c, low, n, true)) {
      // a stub after the table copies the values, then jumps
      s.code[pos] = s.stubs[d];
      s.stubs[d] = pos;
    } else {
      s.target(c, pos);
    }
  }
  for (let i = 0; i <= count; i++) {
    const d = labels[i];
    if (s.stubs[d] < 0) continue;
    s.bindChain(s.stubs[d]);
    s.stubs[d] = -1;
    emitBranch(s, s.label(d)!, low, n);
  }
}

export function compileReturn(s: FuncState): void {
  const low = s.popTypes(s.results);
  if (s.live() && low >= 0 && s.ok()) emitReturn(s, low);
  s.setUnreachable();
}

/** Moves the results (operands of heights low ..) to slots 0 .. and returns. */
function emitReturn(s: FuncState, low: i32): void {
  const n = s.results.length;
  if (n === 0) {
    s.op(Op.RET, 0);
    return;
  }
  if (n === 1) {
    const t = s.types[low];
    const k = s.kinds[low];
    if (s.isLastResult(low)) {
      s.code[s.lastDst] = 0;
      s.op(Op.RET, 0);
    } else if (k === Kind.Const) {
      s.emitConst(t, 0, s.vals[low], s.his[low]);
      s.op(Op.RET, 0);
    } else {
      const from = k === Kind.Local ? s.vals[low] : s.slotOf(low);
      if (from === 0) {
        s.op(Op.RET, 0);
      } else {
        s.op(is64(t) ? Op.RET_64 : Op.RET_32, 1);
        s.arg(s.enc(t, from));
      }
    }
    return;
  }
  // Result i goes to slot i, in increasing order. A lazy local that an
  // earlier copy overwrites (local j < i) is first saved in the operand's own
  // slot. The operands keep their kinds: on a conditional path (br_if,
  // br_table) the other paths still see them as they were.
  if (s.saved.length < n) s.saved = new Uint8Array(n * 2);
  for (let i = 0; i < n; i++) {
    const h = (low + i) | 0;
    const save = s.kinds[h] === Kind.Local && s.vals[h] < i;
    s.saved[i] = save ? 1 : 0;
    if (save) s.copyLocal(s.types[h], s.vals[h], s.slotOf(h));
  }
  for (let i = 0; i < n; i++) {
    const h = (low + i) | 0;
    if (s.saved[i] !== 0) s.copyLocal(s.types[h], s.slotOf(h), i);
    else s.copyTo(h, i);
  }
  s.op(Op.RET, 0);
}

export function compileUnreachable(s: FuncState): void {
  if (s.live()) s.op(Op.UNREACHABLE, 0);
  s.setUnreachable();
}

// ---------------------------------------------------------------- calls

/** call / return_call of function `f`. */
export function compileCall(s: FuncState, f: i32, tail: boolean): void {
  const m = s.m;
  if (f < 0 || f >= m.funcTypeIndex.length) {
    s.invalid("unknown function " + f);
    return;
  }
  const ft = m.funcType(f);
  if (tail && !sameTypes(ft.results, s.results)) {
    s.invalid("type mismatch: the tail-called function's results differ from the caller's");
    return;
  }
  const low = s.popTypes(ft.params);
  const n = ft.params.length;
  if (s.live() && low >= 0 && s.ok()) {
    for (let i = 0; i < n; i++) s.materialize((low + i) | 0);
    const imported = f < m.numFuncImports;
    if (tail) {
      s.op(imported ? Op.RETURN_CALL_IMPORT : Op.RETURN_CALL, 3);
    } else {
      s.op(imported ? Op.CALL_IMPORT : Op.CALL, 2);
    }
    if (!imported) s.callFixups.push(s.pc);
    s.arg(imported ? f : (f - m.numFuncImports) | 0);
    s.arg(s.slotOf(low));
    if (tail) s.arg(n);
    // a tail call of a host function returns here, with the results in slots 0 ..
    if (tail && imported) s.op(Op.RET, 0);
  }
  if (tail) s.setUnreachable();
  else s.pushTypes(ft.results);
}

/** call_indirect / return_call_indirect. */
export function compileCallIndirect(s: FuncState, typeIndex: i32, table: i32, tail: boolean): void {
  const m = s.m;
  if (table < 0 || table >= m.tables.length) {
    s.invalid("unknown table " + table);
    return;
  }
  if (typeIndex < 0 || typeIndex >= m.types.length) {
    s.invalid("unknown type " + typeIndex);
    return;
  }
  if (m.tables[table].elemType !== ValType.FuncRef) {
    s.invalid("type mismatch: call_indirect through a table of externref");
    return;
  }
  const ft = m.types[typeIndex];
  if (tail && !sameTypes(ft.results, s.results)) {
    s.invalid("type mismatch: the tail-called function's results differ from the caller's");
    return;
  }
  const elemH = s.popType(ValType.I32);
  const low = s.popTypes(ft.params);
  const n = ft.params.length;
  if (s.live() && low >= 0 && elemH >= 0 && s.ok()) {
    for (let i = 0; i < n; i++) s.materialize((low + i) | 0);
    const elem = s.use(elemH);
    s.op(tail ? Op.RETURN_CALL_INDIRECT : Op.CALL_INDIRECT, tail ? 5 : 4);
    s.arg(typeIndex);
    s.arg(table);
    s.arg(elem);
    s.arg(s.slotOf(low));
    if (tail) {
      s.arg(n);
      s.op(Op.RET, 0);
    }
  }
  if (tail) s.setUnreachable();
  else s.pushTypes(ft.results);
}

// ---------------------------------------------------------------- parametric

export function compileDrop(s: FuncState): void {
  s.pop();
}

/** select (typed when `t` is not UNKNOWN: select t). */
export function compileSelect(s: FuncState, typed: i32): void {
  const condH = s.popType(ValType.I32);
  let t = typed;
  let hb = -1;
  let ha = -1;
  if (typed !== UNKNOWN) {
    hb = s.popType(typed);
    ha = s.popType(typed);
  } else {
    hb = s.pop();
    const tb = s.poppedType;
    ha = s.pop();
    const ta = s.poppedType;
    if (!isNum(ta) || !isNum(tb)) {
      s.invalid("type mismatch: select without a type takes numbers, not references");
      return;
    }
    if (ta !== tb && ta !== UNKNOWN && tb !== UNKNOWN) {
      s.invalid("type mismatch: select between different types");
      return;
    }
    t = ta === UNKNOWN ? tb : ta;
  }
  if (!s.live() || ha < 0 || hb < 0 || condH < 0 || !s.ok()) {
    s.push(t);
    return;
  }
  const a = s.use(ha);
  const b = s.use(hb);
  const c = s.use(condH);
  const at = s.op(is64(t) ? Op.SELECT_64 : Op.SELECT_32, 4);
  s.arg(s.dst(t, ha));
  s.arg(a);
  s.arg(b);
  s.arg(c);
  s.push(t);
  s.result(at, ha);
}
