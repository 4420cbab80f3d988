// Compiling the instructions that touch state: locals, globals, memories
// (loads, stores, size, grow, bulk operations), tables and references.
import type { i32 } from "../types";
import { ValType } from "./types";
import { FuncState, Kind, is64, isRef } from "./compile-state";
import { Op, fusedAccess } from "./ops";

// ---------------------------------------------------------------- locals and globals

export function compileLocalGet(s: FuncState, index: i32): void {
  if (index < 0 || index >= s.nLocals) {
    s.invalid("unknown local " + index);
    return;
  }
  s.pushLocal(s.localTypes[index], index);
}

/** local.set (tee = false) and local.tee. */
export function compileLocalSet(s: FuncState, index: i32, tee: boolean): void {
  if (index < 0 || index >= s.nLocals) {
    s.invalid("unknown local " + index);
    return;
  }
  const t = s.localTypes[index];
  const h = s.popType(t);
  if (s.live() && h >= 0 && s.ok()) {
    const zero = s.kinds[h] === Kind.Const && s.vals[h] === 0 && (!is64(t) || s.his[h] === 0);
    if (zero && s.isZeroLocal(index)) {
      // it already is (declared locals start at zero)
      if (tee) s.pushLocal(t, index);
      return;
    }
    s.setZeroLocal(index, zero);
    if (s.hasLazyLocal(index, h)) {
      // operands below still read the old value: give them their own copy first
      s.materializeLocals(index, h);
      s.copyTo(h, index);
    } else if (s.isLastResult(h)) {
      // the instruction that computed the value writes the local instead
      s.code[s.lastDst] = s.enc(t, index);
      s.forget();
    } else {
      s.copyTo(h, index);
    }
  }
  if (tee) s.pushLocal(t, index);
}

export function compileGlobalGet(s: FuncState, index: i32): void {
  const m = s.m;
  if (index < 0 || index >= m.globals.length) {
    s.invalid("unknown global " + index);
    return;
  }
  const t = m.globals[index].type.type;
  const h = s.height;
  if (s.live()) {
    const at = s.op(is64(t) ? Op.GLOBAL_GET_64 : Op.GLOBAL_GET_32, 2);
    s.arg(s.dst(t, h));
    s.arg(index);
    s.push(t);
    s.result(at, h);
    return;
  }
  s.push(t);
}

export function compileGlobalSet(s: FuncState, index: i32): void {
  const m = s.m;
  if (index < 0 || index >= m.globals.length) {
    s.invalid("unknown global " + index);
    return;
  }
  const g = m.globals[index].type;
  if (!g.mutable) {
    s.invalid("global is immutable: global " + index);
    return;
  }
  const h = s.popType(g.type);
  if (s.live() && h >= 0 && s.ok()) {
    const v = s.use(h);
    s.op(is64(g.type) ? Op.GLOBAL_SET_64 : Op.GLOBAL_SET_32, 2);
    s.arg(index);
    s.arg(v);
  }
}

// ---------------------------------------------------------------- memory

/** The memory index of an instruction's memarg or memory byte, and its offset: set by readMemarg / readMemIndex. */
export class MemArg {
  mem: i32 = 0;
  offset: i32 = 0;
}

/**
 * Reads a memarg (alignment flags, [memory index], offset) for an access of
 * 2^naturalLog2 bytes and checks it. The memory index is there when flag bit
 * 6 is set, which only a module with several memories (multi-memory, used by
 * the custom-page-sizes tests) may use; without them, flags of 32 and more
 * are malformed, as in the 2.0 spec tests.
 */
export function readMemarg(s: FuncState, naturalLog2: i32, ma: MemArg): boolean {
  let flags = s.r.u32();
  let mem = 0;
  if (s.m.mems.length > 1 && (flags & 0x40) !== 0) {
    mem = s.r.index();
    flags = (flags & ~0x40) >>> 0;
  }
  const offset = s.r.u32();
  if (!s.ok()) return false;
  if (flags >= 32) return s.malformed("malformed memop flags: alignment exponent " + flags);
  if (mem >= s.m.mems.length) return s.invalid("unknown memory " + mem);
  if (flags > naturalLog2) {
    return s.invalid("alignment must not be larger than natural: 2^" + flags + " for an access of " + (1 << naturalLog2) + " bytes");
  }
  ma.mem = mem;
  ma.offset = offset | 0;
  return true;
}

/**
 * The memory index byte of memory.size/grow/fill/copy: 0 in Wasm 2.0 ("zero
 * byte expected"); another single-byte index is accepted when that memory
 * exists (multi-memory).
 */
export function readMemIndex(s: FuncState): i32 {
  const b = s.r.u8();
  if (!s.ok()) return -1;
  if (b === 0) return 0;
  if ((b & 0x80) !== 0 || b >= s.m.mems.length) {
    s.malformed("zero byte expected");
    return -1;
  }
  return b;
}

export function checkMemory(s: FuncState, mem: i32): boolean {
  if (mem < 0) return false;
  if (mem >= s.m.mems.length) return s.invalid("unknown memory " + mem);
  return true;
}

/** The natural alignment (log2 of the access size) of load/store opcode 0x28 .. 0x3e. */
export function accessLog2(opcode: i32): i32 {
  switch (opcode) {
    case 0x29:
    case 0x2b:
    case 0x37:
    case 0x39:
      return 3;
    case 0x28:
    case 0x2a:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x38:
    case 0x3e:
      return 2;
    case 0x2e:
    case 0x2f:
    case 0x32:
    case 0x33:
    case 0x3b:
    case 0x3d:
      return 1;
  }
  return 0;
}

/** The value type a load produces or a store consumes. */
function accessType(opcode: i32): i32 {
  switch (opcode) {
    case 0x28:
    case 0x2c:
    case 0x2d:
    case 0x2e:
    case 0x2f:
    case 0x36:
    case 0x3a:
    case 0x3b:
      return ValType.I32;
    case 0x2a:
    case 0x38:
      return ValType.F32;
    case 0x2b:
    case 0x39:
      return ValType.F64;
  }
  return ValType.I64;
}

/** The internal op of a load or store from memory 0, or -1 when EXT_LOAD does it. */
function accessOp(opcode: i32): i32 {
  switch (opcode) {
    case 0x28:
    case 0x2a:
      return Op.LOAD_32;
    case 0x29:
    case 0x2b:
      return Op.LOAD_64;
    case 0x2c:
      return Op.LOAD_I32_8S;
    case 0x2d:
      return Op.LOAD_I32_8U;
    case 0x2e:
      return Op.LOAD_I32_16S;
    case 0x2f:
      return Op.LOAD_I32_16U;
    case 0x30:
    case 0x31:
    case 0x32:
    case 0x33:
      // i64.load8 and i64.load16 are rare: EXT_LOAD does them (their opcodes serve superinstructions)
      return -1;
    case 0x34:
      return Op.LOAD_I64_32S;
    case 0x35:
      return Op.LOAD_I64_32U;
    case 0x36:
    case 0x38:
    case 0x3e:
      return Op.STORE_32;
    case 0x37:
    case 0x39:
      return Op.STORE_64;
    case 0x3a:
    case 0x3c:
      return Op.STORE_8;
  }
  return Op.STORE_16;
}

/** The operand at height h named by its low word, whatever its type (narrow stores of i64 values). */
function useWord(s: FuncState, h: i32): i32 {
  const t = s.types[h];
  const x = s.use(h);
  return is64(t) ? x << 1 : x;
}

/** Splits the I32_ADD_IMM_2 or I32_ADD_2 that is the last instruction into its two halves (`half` each), the second one now the last. */
function splitPair(s: FuncState, half: i32): void {
  const at = s.lastOp;
  s.word(0);
  const c = s.code;
  c[at + 7] = c[at + 6];
  c[at + 6] = c[at + 5];
  c[at + 5] = c[at + 4];
  c[at + 4] = half;
  c[at] = half;
  s.lastOp = (at + 4) | 0;
  s.lastDst = (at + 5) | 0;
}

/**
 * The start of the instruction that computed the address at height h, when
 * it is an i32.add (of two operands or of a constant) emitted just before and
 * the access has a fused form: that instruction becomes the access. Else -1.
 */
function fusedAddress(s: FuncState, h: i32, o: i32): i32 {
  if (!s.isLastResult(h) || fusedAccess(o, true) < 0) return -1;
  const pair = s.code[s.lastOp];
  if (pair === Op.I32_ADD_IMM_2 || pair === Op.I32_ADD_2) splitPair(s, pair === Op.I32_ADD_2 ? Op.I32_ADD : Op.I32_ADD_IMM);
  const op = s.code[s.lastOp];
  return op === Op.I32_ADD_IMM || op === Op.I32_ADD ? s.lastOp : -1;
}

export function compileLoad(s: FuncState, opcode: i32, ma: MemArg): void {
  const t = accessType(opcode);
  const h = s.popType(ValType.I32);
  if (!s.live() || h < 0 || !s.ok()) {
    s.push(t);
    return;
  }
  const o = accessOp(opcode);
  if (ma.mem === 0 && o >= 0) {
    const fused = fusedAddress(s, h, o);
    if (fused >= 0) {
      // the i32.add that computed the address becomes the load: dst, a, b, and now the offset
      s.code[fused] = s.code[fused] === Op.I32_ADD_IMM ? fusedAccess(o, true) : fusedAccess(o, false);
      s.code[fused + 1] = s.dst(t, h);
      s.word(ma.offset);
      s.push(t);
      s.result(fused, h);
      return;
    }
    const addr = s.use(h);
    const at = s.op(o, 3);
    s.arg(s.dst(t, h));
    s.arg(addr);
    s.arg(ma.offset);
    s.push(t);
    s.result(at, h);
    return;
  }
  const addr = s.use(h);
  s.ext(Op.EXT_LOAD, 5);
  s.arg(opcode);
  s.arg(s.slotOf(h) << 1);
  s.arg(addr);
  s.arg(ma.offset);
  s.arg(ma.mem);
  s.push(t);
}

export function compileStore(s: FuncState, opcode: i32, ma: MemArg): void {
  const t = accessType(opcode);
  const hv = s.popType(t);
  const ha = s.popType(ValType.I32);
  if (!s.live() || hv < 0 || ha < 0 || !s.ok()) return;
  const o = accessOp(opcode);
  // the value first: if that emits nothing, the address's i32.add may still be the last instruction
  const v = o === Op.STORE_64 ? s.use(hv) : useWord(s, hv);
  if (ma.mem === 0) {
    const fused = fusedAddress(s, ha, o);
    if (fused >= 0) {
      // i32.add dst, a, b becomes store a, value, b, offset
      s.code[fused] = s.code[fused] === Op.I32_ADD_IMM ? fusedAccess(o, true) : fusedAccess(o, false);
      s.code[fused + 1] = s.code[fused + 2];
      s.code[fused + 2] = v;
      s.word(ma.offset);
      s.forget();
      return;
    }
    const addr = s.use(ha);
    s.op(o, 3);
    s.arg(addr);
    s.arg(v);
    s.arg(ma.offset);
    return;
  }
  const addr = s.use(ha);
  s.ext(Op.EXT_STORE, 5);
  s.arg(opcode);
  s.arg(addr);
  s.arg(o === Op.STORE_64 ? v << 1 : v);
  s.arg(ma.offset);
  s.arg(ma.mem);
}

export function compileMemorySize(s: FuncState, mem: i32): void {
  if (!checkMemory(s, mem)) return;
  const h = s.height;
  if (s.live()) {
    s.ext(Op.EXT_MEMORY_SIZE, 2);
    s.arg(s.dst(ValType.I32, h));
    s.arg(mem);
    s.push(ValType.I32);
    return;
  }
  s.push(ValType.I32);
}

export function compileMemoryGrow(s: FuncState, mem: i32): void {
  if (!checkMemory(s, mem)) return;
  const h = s.popType(ValType.I32);
  if (s.live() && h >= 0 && s.ok()) {
    const delta = s.use(h);
    s.ext(Op.EXT_MEMORY_GROW, 3);
    s.arg(s.dst(ValType.I32, h));
    s.arg(delta);
    s.arg(mem);
    s.push(ValType.I32);
    return;
  }
  s.push(ValType.I32);
}

/** Pops three operands (a, b, n) and emits EXT `o a, b, n, x, y` with `extra` of x, y. */
function threeOperands(s: FuncState, o: Op, t2: i32, x: i32, y: i32, extra: i32): void {
  const hn = s.popType(ValType.I32);
  const hb = s.popType(t2);
  const ha = s.popType(ValType.I32);
  if (!s.live() || hn < 0 || hb < 0 || ha < 0 || !s.ok()) return;
  const a = s.use(ha);
  const b = s.use(hb);
  const n = s.use(hn);
  s.ext(o, (3 + extra) | 0);
  s.arg(a);
  s.arg(b);
  s.arg(n);
  if (extra > 0) s.arg(x);
  if (extra > 1) s.arg(y);
}

export function compileMemoryFill(s: FuncState, mem: i32): void {
  if (!checkMemory(s, mem)) return;
  threeOperands(s, Op.EXT_MEMORY_FILL, ValType.I32, mem, 0, 1);
}

export function compileMemoryCopy(s: FuncState, dstMem: i32, srcMem: i32): void {
  if (!checkMemory(s, dstMem) || !checkMemory(s, srcMem)) return;
  threeOperands(s, Op.EXT_MEMORY_COPY, ValType.I32, dstMem, srcMem, 2);
}

/**
 * A data index needs the data count section (a body is decoded before the data
 * section that would tell). Without one, a module that has data segments is
 * malformed, as binary.wast says; one that has none has zero segments, so the
 * index is unknown: invalid, as memory_init.wast says of such modules (the
 * reference interpreter validates them from text, where no section is missing).
 */
function checkDataIndex(s: FuncState, index: i32): boolean {
  if (s.m.dataCount < 0 && s.m.datas.length > 0) return s.malformed("data count section required");
  const count = s.m.dataCount < 0 ? 0 : s.m.dataCount;
  if (index < 0 || index >= count) return s.invalid("unknown data segment " + index);
  return true;
}

export function compileMemoryInit(s: FuncState, data: i32, mem: i32): void {
  // the memory first: the spec reports "unknown memory 0" for a memory.init in a module without memory or data
  if (!checkMemory(s, mem)) return;
  if (!checkDataIndex(s, data)) return;
  threeOperands(s, Op.EXT_MEMORY_INIT, ValType.I32, data, mem, 2);
}

export function compileDataDrop(s: FuncState, data: i32): void {
  if (!checkDataIndex(s, data)) return;
  if (s.live()) {
    s.ext(Op.EXT_DATA_DROP, 1);
    s.arg(data);
  }
}

// ---------------------------------------------------------------- tables

function tableType(s: FuncState, table: i32): i32 {
  if (table < 0 || table >= s.m.tables.length) {
    s.invalid("unknown table " + table);
    return 0;
  }
  return s.m.tables[table].elemType;
}

function elemType(s: FuncState, elem: i32): i32 {
  if (elem < 0 || elem >= s.m.elems.length) {
    s.invalid("unknown elem segment " + elem);
    return 0;
  }
  return s.m.elems[elem].elemType;
}

export function compileTableGet(s: FuncState, table: i32): void {
  const t = tableType(s, table);
  if (t === 0) return;
  const h = s.popType(ValType.I32);
  if (s.live() && h >= 0 && s.ok()) {
    const i = s.use(h);
    s.ext(Op.EXT_TABLE_GET, 3);
    s.arg(s.dst(t, h));
    s.arg(i);
    s.arg(table);
    s.push(t);
    return;
  }
  s.push(t);
}

export function compileTableSet(s: FuncState, table: i32): void {
  const t = tableType(s, table);
  if (t === 0) return;
  const hv = s.popType(t);
  const hi = s.popType(ValType.I32);
  if (!s.live() || hv < 0 || hi < 0 || !s.ok()) return;
  const i = s.use(hi);
  const v = s.use(hv);
  s.ext(Op.EXT_TABLE_SET, 3);
  s.arg(i);
  s.arg(v);
  s.arg(table);
}

export function compileTableSize(s: FuncState, table: i32): void {
  if (tableType(s, table) === 0) return;
  const h = s.height;
  if (s.live()) {
    s.ext(Op.EXT_TABLE_SIZE, 2);
    s.arg(s.dst(ValType.I32, h));
    s.arg(table);
    s.push(ValType.I32);
    return;
  }
  s.push(ValType.I32);
}

export function compileTableGrow(s: FuncState, table: i32): void {
  const t = tableType(s, table);
  if (t === 0) return;
  const hn = s.popType(ValType.I32);
  const hv = s.popType(t);
  if (s.live() && hn >= 0 && hv >= 0 && s.ok()) {
    const v = s.use(hv);
    const n = s.use(hn);
    s.ext(Op.EXT_TABLE_GROW, 4);
    s.arg(s.dst(ValType.I32, hv));
    s.arg(v);
    s.arg(n);
    s.arg(table);
    s.push(ValType.I32);
    return;
  }
  s.push(ValType.I32);
}

export function compileTableFill(s: FuncState, table: i32): void {
  const t = tableType(s, table);
  if (t === 0) return;
  threeOperands(s, Op.EXT_TABLE_FILL, t, table, 0, 1);
}

export function compileTableCopy(s: FuncState, dst: i32, src: i32): void {
  const td = tableType(s, dst);
  if (td === 0) return;
  const ts = tableType(s, src);
  if (ts === 0) return;
  if (td !== ts) {
    s.invalid("type mismatch: table.copy between tables of different element types");
    return;
  }
  threeOperands(s, Op.EXT_TABLE_COPY, ValType.I32, dst, src, 2);
}

export function compileTableInit(s: FuncState, elem: i32, table: i32): void {
  const tt = tableType(s, table);
  if (tt === 0) return;
  const te = elemType(s, elem);
  if (te === 0) return;
  if (tt !== te) {
    s.invalid("type mismatch: table.init of a segment of another element type");
    return;
  }
  threeOperands(s, Op.EXT_TABLE_INIT, ValType.I32, elem, table, 2);
}

export function compileElemDrop(s: FuncState, elem: i32): void {
  if (elemType(s, elem) === 0) return;
  if (s.live()) {
    s.ext(Op.EXT_ELEM_DROP, 1);
    s.arg(elem);
  }
}

// ---------------------------------------------------------------- references

export function compileRefNull(s: FuncState, t: i32): void {
  if (t !== ValType.FuncRef && t !== ValType.ExternRef) {
    s.malformed("malformed reference type");
    return;
  }
  s.pushConst(t, 0, 0);
}

export function compileRefIsNull(s: FuncState): void {
  const h = s.pop();
  const t = s.poppedType;
  if (!isRef(t)) {
    s.invalid("type mismatch: ref.is_null of a number");
    return;
  }
  if (s.live() && h >= 0 && s.ok()) {
    // a reference is an i32, 0 for null
    const a = s.use(h);
    const at = s.op(Op.I32_EQZ, 2);
    s.arg(s.dst(ValType.I32, h));
    s.arg(a);
    s.push(ValType.I32);
    s.result(at, h);
    return;
  }
  s.push(ValType.I32);
}

export function compileRefFunc(s: FuncState, f: i32): void {
  const m = s.m;
  if (f < 0 || f >= m.funcTypeIndex.length) {
    s.invalid("unknown function " + f);
    return;
  }
  if (m.declaredRefs[f] === 0) {
    s.invalid("undeclared function reference: function " + f);
    return;
  }
  const h = s.height;
  if (s.live()) {
    s.ext(Op.EXT_REF_FUNC, 2);
    s.arg(s.dst(ValType.FuncRef, h));
    s.arg(f);
    s.push(ValType.FuncRef);
    return;
  }
  s.push(ValType.FuncRef);
}
