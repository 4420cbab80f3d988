// Phase 3: instantiation. Resolves imports, allocates tables, memories and
// globals, applies element and data segments, runs the start function.
//
// Wasm 2.0 order: imports are matched first (nothing is allocated when one
// fails); then functions, tables, memories and globals are created; active
// element segments and then active data segments are applied in order, each
// as table.init / memory.init followed by a drop, so a segment out of bounds
// traps and the writes of the segments before it stay (visible through
// imported tables and memories); then the start function runs.
import type { i32, i64, f64 } from "../types";
import { sameBytes } from "../text";
import { ExternKind, FuncType, Trap, ValType, funcTypeEquals, trapMessage } from "./types";
import { ElemSegment, Import, Module, SegmentMode } from "./module";
import { Extern, FuncInst, GlobalInst, ImportBinding, Instance, MemInst, Store, TableInst } from "./runtime";
import { evalConstExpr, valTypeName } from "./constexpr";
import { callFunction } from "./execute";

export enum InstantiateFailure {
  None = 0,
  /** an import is missing or has the wrong kind or type (assert_unlinkable) */
  Unlinkable = 1,
  /** a segment is out of bounds or the start function trapped (assert_uninstantiable) */
  Trapped = 2,
  /** a limit (memory bytes, table elements) is smaller than the module needs */
  LimitExceeded = 3,
}

export class InstantiateError {
  failure: InstantiateFailure = InstantiateFailure.None;
  /** the Trap code when failure is Trapped */
  trap: i32 = 0;
  message: string = "";
}

// (these return nothing: stc drops a call whose type is `null` in `return f()`, /tmp/stc-issues/null-returning-call.ts)
function fail(err: InstantiateError, failure: InstantiateFailure, message: string): void {
  err.failure = failure;
  err.message = message;
}

function trapped(err: InstantiateError, trap: i32, detail: string): void {
  err.failure = InstantiateFailure.Trapped;
  err.trap = trap;
  err.message = detail;
}

/** Instantiates m in store; returns null with `err` set on failure. */
export function instantiate(store: Store, m: Module, imports: ImportBinding[], err: InstantiateError): Instance | null {
  const inst = new Instance(m, store);
  for (let i = 0; i < m.types.length; i++) inst.typeIds[i] = store.typeId(m.types[i]);
  if (!linkImports(store, m, imports, inst, err)) return null;
  if (!allocate(store, m, inst, err)) return null;
  if (!applySegments(m, inst, err)) return null;
  if (m.start >= 0) {
    const trap = callFunction(store, inst.funcs[m.start], new BigInt64Array(0), new BigInt64Array(0));
    if (trap !== Trap.None) {
      const text = trap === Trap.HostError ? store.thread.trapText : trapMessage(trap);
      trapped(err, trap, text + " (in start function " + m.start + ")");
      return null;
    }
  }
  return inst;
}

// ---- imports ----

/** The characters from ' ' (0x20) to '~' (0x7e): STS strings are built from literals, not from char codes. */
const PRINTABLE: string[] = [
  " ", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
  "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
  "@", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
  "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "[", "\\", "]", "^", "_",
  "`", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
  "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "{", "|", "}", "~",
];
const HEX: string[] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"];

/** A name's bytes as a quoted string for messages: printable ASCII as it is, other bytes as \xx (and " and \ escaped). */
export function nameText(name: Uint8Array): string {
  let s = "\"";
  for (let i = 0; i < name.length; i++) {
    const b = name[i];
    if (b >= 0x20 && b <= 0x7e && b !== 0x22 && b !== 0x5c) s = s + PRINTABLE[b - 0x20];
    else s = s + "\\" + HEX[b >> 4] + HEX[b & 15];
  }
  return s + "\"";
}

function importText(imp: Import): string {
  return nameText(imp.module) + " " + nameText(imp.name);
}

function kindName(k: i32): string {
  switch (k) {
    case ExternKind.Func:
      return "function";
    case ExternKind.Table:
      return "table";
    case ExternKind.Mem:
      return "memory";
    case ExternKind.Global:
      return "global";
  }
  return "extern";
}

function typeText(t: FuncType): string {
  let s = "[";
  for (let i = 0; i < t.params.length; i++) s = s + (i > 0 ? " " : "") + valTypeName(t.params[i]);
  s = s + "] -> [";
  for (let i = 0; i < t.results.length; i++) s = s + (i > 0 ? " " : "") + valTypeName(t.results[i]);
  return s + "]";
}

function limitsText(min: f64, max: f64): string {
  return max < 0 ? min + ".." : min + ".." + max;
}

/** Limits subtyping: an import of limits [min, max] accepts an actual [size, actualMax] when size >= min and (no max asked, or actualMax is set and <= max). */
function limitsMatch(size: f64, actualMax: f64, min: f64, max: f64, hasMax: boolean): boolean {
  if (size < min) return false;
  if (!hasMax) return true;
  return actualMax >= 0 && actualMax <= max;
}

function findImport(imports: ImportBinding[], imp: Import): Extern | null {
  for (let i = 0; i < imports.length; i++) {
    const b = imports[i];
    if (sameBytes(b.module, imp.module) && sameBytes(b.name, imp.name)) return b.value;
  }
  return null;
}

function linkImports(store: Store, m: Module, imports: ImportBinding[], inst: Instance, err: InstantiateError): boolean {
  let funcs = 0;
  for (let i = 0; i < m.imports.length; i++) {
    const imp = m.imports[i];
    const v = findImport(imports, imp);
    if (v === null) {
      fail(err, InstantiateFailure.Unlinkable, "unknown import " + importText(imp) + " (" + kindName(imp.kind) + ")");
      return false;
    }
    if (v.kind !== imp.kind) {
      fail(err, InstantiateFailure.Unlinkable, "incompatible import type: " + importText(imp) + " is a " + kindName(v.kind) + ", the module imports a " + kindName(imp.kind));
      return false;
    }
    let mismatch = "";
    switch (imp.kind) {
      case ExternKind.Func: {
        const want = m.types[imp.index];
        const got = v.func >= 0 && v.func < store.funcs.length ? store.funcs[v.func].type : null;
        if (got === null) mismatch = "function address " + v.func + " is not in this store";
        else if (!funcTypeEquals(got, want)) mismatch = "function of type " + typeText(got) + ", the module imports " + typeText(want);
        else inst.funcs[funcs++] = v.func;
        break;
      }
      case ExternKind.Table: {
        const want = m.tables[imp.index];
        const got = v.table!;
        const wantMax: f64 = want.hasMax ? want.max : -1;
        if (got.elemType !== want.elemType) mismatch = "table of " + valTypeName(got.elemType) + ", the module imports a table of " + valTypeName(want.elemType);
        else if (!limitsMatch(got.size, got.max, want.min, want.max, want.hasMax)) mismatch = "table limits " + limitsText(got.size, got.max) + ", the module imports " + limitsText(want.min, wantMax);
        else inst.tables.push(got);
        break;
      }
      case ExternKind.Mem: {
        const want = m.mems[imp.index];
        const got = v.mem!;
        const wantMax: f64 = want.hasMax ? want.max : -1;
        if (got.pageSizeLog2 !== want.pageSizeLog2) mismatch = "memory types incompatible: page size 2^" + got.pageSizeLog2 + ", the module imports page size 2^" + want.pageSizeLog2;
        else if (!limitsMatch(got.pages, got.maxPages, want.min, want.max, want.hasMax)) mismatch = "memory limits " + limitsText(got.pages, got.maxPages) + " pages, the module imports " + limitsText(want.min, wantMax);
        else inst.mems.push(got);
        break;
      }
      case ExternKind.Global: {
        const want = m.globals[imp.index].type;
        const got = v.global!;
        if (got.type !== want.type || got.mutable !== want.mutable) {
          mismatch = "global " + (got.mutable ? "mut " : "") + valTypeName(got.type) + ", the module imports " + (want.mutable ? "mut " : "") + valTypeName(want.type);
        } else {
          inst.globals.push(got);
        }
        break;
      }
    }
    if (mismatch !== "") {
      fail(err, InstantiateFailure.Unlinkable, "incompatible import type: " + importText(imp) + ": " + mismatch);
      return false;
    }
  }
  return true;
}

// ---- allocation ----

function allocate(store: Store, m: Module, inst: Instance, err: InstantiateError): boolean {
  const limits = store.limits;
  for (let i = m.numTableImports; i < m.tables.length; i++) {
    const t = m.tables[i];
    if (t.min > limits.maxTableElements) {
      fail(err, InstantiateFailure.LimitExceeded, "table " + i + " needs " + t.min + " elements, the limit is " + limits.maxTableElements);
      return false;
    }
  }
  for (let i = m.numMemImports; i < m.mems.length; i++) {
    const mt = m.mems[i];
    const bytes: f64 = mt.pageSizeLog2 === 16 ? mt.min * 65536 : mt.min;
    if (bytes > limits.maxMemoryBytes) {
      fail(err, InstantiateFailure.LimitExceeded, "memory " + i + " needs " + bytes + " bytes, the limit is " + limits.maxMemoryBytes);
      return false;
    }
  }
  const defined = m.funcTypeIndex.length - m.numFuncImports;
  for (let i = 0; i < defined; i++) {
    const typeIndex = m.funcTypeIndex[m.numFuncImports + i];
    store.funcs.push(new FuncInst(m.types[typeIndex], inst.typeIds[typeIndex], inst, i, null, 0));
    inst.funcs[m.numFuncImports + i] = store.funcs.length - 1;
  }
  for (let i = m.numTableImports; i < m.tables.length; i++) {
    const t = m.tables[i];
    inst.tables.push(new TableInst(t.elemType, t.min, t.hasMax ? t.max : -1));
  }
  for (let i = m.numMemImports; i < m.mems.length; i++) {
    const mt = m.mems[i];
    const mem = new MemInst(mt.min, mt.hasMax ? mt.max : -1, mt.pageSizeLog2);
    inst.mems.push(mem);
    store.memories.push(mem);
  }
  // globals in order: an init expression sees the imported globals, already in inst.globals
  for (let i = m.numGlobalImports; i < m.globals.length; i++) {
    const def = m.globals[i];
    const g = new GlobalInst(def.type.type, def.type.mutable);
    setSlot(g, def.type.type, evalConstExpr(m, def.initStart, def.initEnd, inst));
    inst.globals.push(g);
  }
  return true;
}

/** Stores a constant expression's value in a global: 32-bit types in the low word with the high word zero. */
function setSlot(g: GlobalInst, t: i32, bits: i64): void {
  if (t === ValType.I64 || t === ValType.F64) {
    g.i64[0] = bits;
  } else {
    g.i32[0] = Number(BigInt.asIntN(32, bits)) | 0;
    g.i32[1] = 0;
  }
}

// ---- segments ----

/**
 * Element k of segment `seg` as an encoded reference (0 = null, function
 * address + 1). table.init calls this too, so it allocates nothing: a
 * validated element expression of a reference type is one instruction,
 * ref.null, ref.func or global.get (no arithmetic works on references).
 */
export function elemRef(inst: Instance, seg: ElemSegment, k: i32): i32 {
  if (seg.funcIndices !== null) return (inst.funcs[seg.funcIndices[k]] + 1) | 0;
  const ranges = seg.exprRanges!;
  const bytes = inst.module.bytes;
  const at = ranges[2 * k];
  switch (bytes[at]) {
    case 0xd2:
      return (inst.funcs[indexAt(bytes, (at + 1) | 0)] + 1) | 0;
    case 0x23:
      return inst.globals[indexAt(bytes, (at + 1) | 0)].i32[0];
  }
  return 0;
}

/** The (validated) LEB128 index at bytes[p]. */
function indexAt(bytes: Uint8Array, p: i32): i32 {
  let v = 0;
  let shift = 0;
  let q = p;
  while (shift < 32) {
    const b = bytes[q];
    v = v | ((b & 0x7f) << shift);
    if ((b & 0x80) === 0) break;
    q++;
    shift += 7;
  }
  return v;
}

/** The value of an active segment's offset expression, as an unsigned 32-bit number. */
function offsetValue(m: Module, start: i32, end: i32, inst: Instance): f64 {
  return Number(BigInt.asUintN(32, evalConstExpr(m, start, end, inst)));
}

function applySegments(m: Module, inst: Instance, err: InstantiateError): boolean {
  for (let i = 0; i < m.elems.length; i++) {
    const seg = m.elems[i];
    if (seg.mode === SegmentMode.Declarative) {
      inst.elemDropped[i] = 1;
      continue;
    }
    if (seg.mode !== SegmentMode.Active) continue;
    const table = inst.tables[seg.table];
    const offset = offsetValue(m, seg.offsetStart, seg.offsetEnd, inst);
    if (offset + seg.count > table.size) {
      trapped(err, Trap.TableOutOfBounds, "out of bounds table access: element segment " + i + " writes " + seg.count + " elements at " + offset + " into a table of " + table.size);
      return false;
    }
    const base = offset | 0;
    for (let k = 0; k < seg.count; k++) table.elems[base + k] = elemRef(inst, seg, k);
    inst.elemDropped[i] = 1;
  }
  for (let i = 0; i < m.datas.length; i++) {
    const seg = m.datas[i];
    if (seg.mode !== SegmentMode.Active) continue;
    const mem = inst.mems[seg.mem];
    const offset = offsetValue(m, seg.offsetStart, seg.offsetEnd, inst);
    if (offset + seg.dataLength > mem.byteLength) {
      trapped(err, Trap.MemoryOutOfBounds, "out of bounds memory access: data segment " + i + " writes " + seg.dataLength + " bytes at " + offset + " into a memory of " + mem.byteLength);
      return false;
    }
    mem.bytes.set(m.bytes.subarray(seg.dataStart, seg.dataStart + seg.dataLength), offset | 0);
    inst.dataDropped[i] = 1;
  }
  return true;
}
