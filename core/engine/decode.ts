// Phase 1: the binary decoder. Bytes -> Module, with every module-level check
// (sections, indices, limits, constant expressions); function bodies are
// checked by compile.ts.
//
// Errors: decoding problems are "malformed" (the spec's assert_malformed),
// validation problems "invalid" (assert_invalid). Messages start with the
// spec tests' phrase, then say what exactly is wrong. Offsets are byte offsets
// in the module. Counts read from the module are checked against the bytes
// left before anything is allocated from them.
import type { i32, u32 } from "../types";
import { sameBytes } from "../text";
import { ExternKind, Features, FuncType, GlobalType, MemType, TableType, ValType } from "./types";
import { DataSegment, ElemSegment, Export, FuncBody, GlobalDef, Import, LoadError, Module, SegmentMode } from "./module";
import { Reader } from "./reader";
import { hexByte, validateConstExpr, valTypeName } from "./constexpr";

const enum Section {
  Custom = 0,
  Type = 1,
  Import = 2,
  Function = 3,
  Table = 4,
  Memory = 5,
  Global = 6,
  Export = 7,
  Start = 8,
  Element = 9,
  Code = 10,
  Data = 11,
  DataCount = 12,
}

/** Where a section may appear: sections come in increasing rank, each at most once (data count sits between element and code). */
function sectionRank(id: i32): i32 {
  switch (id) {
    case Section.DataCount:
      return 10;
    case Section.Code:
      return 11;
    case Section.Data:
      return 12;
  }
  return id;
}

function sectionName(id: i32): string {
  switch (id) {
    case Section.Custom:
      return "custom";
    case Section.Type:
      return "type";
    case Section.Import:
      return "import";
    case Section.Function:
      return "function";
    case Section.Table:
      return "table";
    case Section.Memory:
      return "memory";
    case Section.Global:
      return "global";
    case Section.Export:
      return "export";
    case Section.Start:
      return "start";
    case Section.Element:
      return "element";
    case Section.Code:
      return "code";
    case Section.Data:
      return "data";
    case Section.DataCount:
      return "data count";
  }
  return "unknown";
}

/** 64 KiB pages: the largest memory is 2^32 bytes. */
const MAX_PAGES_64K: u32 = 65536;

/** Decodes `bytes`; on failure returns null with `err` set (offset, reason, malformed or invalid). */
export function decode(bytes: Uint8Array, features: Features, err: LoadError): Module | null {
  const d = new Decoder(bytes, features, err);
  return d.run() ? d.m : null;
}

class Decoder {
  readonly m: Module;
  /** type indices of the imported functions, until the function section fixes Module.funcTypeIndex */
  importFuncTypes: i32[] = [];
  funcsFixed: boolean = false;
  /** entries in the function / code / data sections (-1: no such section) */
  functionCount: i32 = -1;
  codeCount: i32 = -1;
  dataSectionCount: i32 = -1;
  /** the first validation error: reported only when the whole module decodes (malformed errors come first, as in the spec's decode-then-validate order) */
  readonly inv: LoadError = new LoadError();

  constructor(
    readonly bytes: Uint8Array,
    readonly features: Features,
    readonly err: LoadError,
  ) {
    this.m = new Module(bytes);
  }

  run(): boolean {
    const bytes = this.bytes;
    const err = this.err;
    const len = bytes.length;
    if (len < 4) return err.fail(len, "unexpected end: " + len + " bytes, no room for the magic header", true);
    if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return err.fail(0, "magic header not detected: the module must start with \\0asm", true);
    if (len < 8) return err.fail(len, "unexpected end: " + len + " bytes, no room for the version", true);
    if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) return err.fail(4, "unknown binary version: only version 1 is supported", true);
    const top = new Reader(bytes, 8, len, err);
    let lastRank = 0;
    let lastId = 0;
    while (!top.atEnd()) {
      const sectionStart = top.pos;
      const id = top.u8();
      if (id > Section.DataCount) return err.fail(sectionStart, "malformed section id " + id, true);
      const size = top.u32();
      if (!top.ok()) return false;
      if (size > top.remaining()) return err.fail(sectionStart, "length out of bounds: " + sectionName(id) + " section of " + size + " bytes, " + top.remaining() + " left", true);
      const start = top.pos;
      const end = (start + size) | 0;
      if (id !== Section.Custom) {
        const rank = sectionRank(id);
        if (rank <= lastRank) {
          const what = rank === lastRank ? "a second " + sectionName(id) + " section" : "the " + sectionName(id) + " section after the " + sectionName(lastId) + " section";
          return err.fail(sectionStart, "unexpected content after last section: " + what, true);
        }
        lastRank = rank;
        lastId = id;
        if (rank > Section.Function) this.fixFuncs();
      }
      // a section's content is read up to the module's end, as the spec's decoder does (a field that runs past
      // the section's end is reported as that field's error), then its size is checked; custom sections stay inside
      const r = new Reader(bytes, start, id === Section.Custom ? end : len, err);
      r.eofMessage = "unexpected end of section or function";
      r.deferred = this.inv;
      // (a section's own result only says whether to go on reading it; r.ok() says whether decoding failed)
      this.section(id, r, sectionStart);
      if (!r.ok()) return this.preferEarlierInvalid();
      if (r.pos !== end) return err.fail(r.pos, "section size mismatch: " + sectionName(id) + " section declared " + size + " bytes, its content ends " + (end - r.pos) + " bytes early", true);
      top.pos = end;
    }
    this.fixFuncs();
    const functions = this.functionCount < 0 ? 0 : this.functionCount;
    const bodies = this.codeCount < 0 ? 0 : this.codeCount;
    if (functions !== bodies) return err.fail(len, "function and code section have inconsistent lengths: " + functions + " functions, " + bodies + " bodies", true);
    const datas = this.dataSectionCount < 0 ? 0 : this.dataSectionCount;
    if (this.m.dataCount >= 0 && this.m.dataCount !== datas) return err.fail(len, "data count and data section have inconsistent lengths: data count " + this.m.dataCount + ", " + datas + " segments", true);
    if (this.inv.failed) return err.fail(this.inv.offset, this.inv.message, false);
    return true;
  }

  /** After a validation error that stopped decoding, reports the first validation error instead, if one came earlier. */
  preferEarlierInvalid(): boolean {
    const err = this.err;
    if (err.failed && !err.malformed && this.inv.failed && this.inv.offset < err.offset) {
      err.offset = this.inv.offset;
      err.message = this.inv.message;
    }
    return false;
  }

  section(id: i32, r: Reader, sectionStart: i32): boolean {
    switch (id) {
      case Section.Custom:
        r.name();
        r.pos = r.end;
        return r.ok();
      case Section.Type:
        return this.typeSection(r);
      case Section.Import:
        return this.importSection(r);
      case Section.Function:
        return this.functionSection(r);
      case Section.Table:
        return this.tableSection(r);
      case Section.Memory:
        return this.memorySection(r);
      case Section.Global:
        return this.globalSection(r);
      case Section.Export:
        return this.exportSection(r);
      case Section.Start:
        return this.startSection(r);
      case Section.Element:
        return this.elementSection(r);
      case Section.DataCount:
        this.m.dataCount = r.index();
        return r.ok();
      case Section.Code:
        return this.codeSection(r);
      case Section.Data:
        return this.dataSection(r);
    }
    return r.fail(sectionStart, "malformed section id " + id);
  }

  /** Fixes the function index space (imports, then the function section) once no more functions can come. */
  fixFuncs(): void {
    if (this.funcsFixed) return;
    this.funcsFixed = true;
    const m = this.m;
    const n = this.importFuncTypes.length;
    if (m.funcTypeIndex.length !== n + (this.functionCount < 0 ? 0 : this.functionCount)) {
      m.funcTypeIndex = new Int32Array(n);
    }
    for (let i = 0; i < n; i++) m.funcTypeIndex[i] = this.importFuncTypes[i];
    m.declaredRefs = new Uint8Array(m.funcTypeIndex.length);
  }

  valType(r: Reader): i32 {
    const at = r.pos;
    const t = r.u8();
    if (!r.ok()) return 0;
    switch (t) {
      case ValType.I32:
      case ValType.I64:
      case ValType.F32:
      case ValType.F64:
      case ValType.FuncRef:
      case ValType.ExternRef:
        return t;
      case ValType.V128:
        r.fail(at, "malformed value type: v128 (SIMD is not supported)");
        return 0;
    }
    r.fail(at, "malformed value type " + hexByte(t));
    return 0;
  }

  refType(r: Reader): i32 {
    const at = r.pos;
    const t = r.u8();
    if (!r.ok()) return 0;
    if (t !== ValType.FuncRef && t !== ValType.ExternRef) {
      r.fail(at, "malformed reference type " + hexByte(t));
      return 0;
    }
    return t;
  }

  /** A vector of value types; the result is a view of the module's bytes. */
  resultTypes(r: Reader): Uint8Array {
    const n = r.count(1);
    const start = r.pos;
    for (let i = 0; i < n && r.ok(); i++) this.valType(r);
    return this.bytes.subarray(start, r.pos);
  }

  typeSection(r: Reader): boolean {
    const n = r.count(1);
    for (let i = 0; i < n && r.ok(); i++) {
      const at = r.pos;
      const form = r.u8();
      if (r.ok() && (form & 0x80) !== 0) return r.fail(at, "integer representation too long: function type form " + hexByte(form));
      if (r.ok() && form !== 0x60) return r.fail(at, "malformed function type: form " + hexByte(form) + ", expected 0x60");
      const params = this.resultTypes(r);
      const results = this.resultTypes(r);
      this.m.types.push(new FuncType(params, results));
    }
    return r.ok();
  }

  typeIndex(r: Reader): i32 {
    const at = r.pos;
    const t = r.u32();
    if (!r.ok()) return 0;
    if (t >= this.m.types.length) {
      r.invalid(at, "unknown type " + t + " (" + this.m.types.length + " types)");
      return 0;
    }
    return t | 0;
  }

  /** The limits flags: one byte whose allowed bits are `allowed` (a longer LEB128 or another bit is malformed, as binary.wast expects). */
  limitsFlags(r: Reader, allowed: i32): i32 {
    const at = r.pos;
    const flags = r.u8();
    if (!r.ok()) return 0;
    if ((flags & 0x80) !== 0) {
      r.fail(at, "integer representation too long: limits flags " + hexByte(flags));
      return 0;
    }
    if ((flags & ~allowed) !== 0) {
      r.fail(at, "integer too large: limits flags " + hexByte(flags));
      return 0;
    }
    return flags;
  }

  tableType(r: Reader): TableType | null {
    const elemType = this.refType(r);
    const at = r.pos;
    const flags = this.limitsFlags(r, 1);
    const min = r.u32();
    const hasMax = (flags & 1) !== 0;
    const max: u32 = hasMax ? r.u32() : 0;
    if (!r.ok()) return null;
    if (hasMax && min > max) r.invalid(at, "size minimum must not be greater than maximum: table limits " + min + " > " + max);
    return new TableType(elemType, min, max, hasMax);
  }

  memType(r: Reader): MemType | null {
    const at = r.pos;
    // bit 0: a maximum follows; bit 3: a page size exponent follows (custom-page-sizes)
    const flags = this.limitsFlags(r, 0x09);
    const min = r.u32();
    const hasMax = (flags & 1) !== 0;
    const max: u32 = hasMax ? r.u32() : 0;
    let pageSizeLog2 = 16;
    if ((flags & 8) !== 0) {
      const pAt = r.pos;
      const log2 = r.u32();
      if (!r.ok()) return null;
      if (log2 >= 64) {
        r.fail(pAt, "invalid custom page size: 2^" + log2 + " bytes");
        return null;
      }
      if (log2 !== 0 && log2 !== 16) r.invalid(pAt, "invalid custom page size: 2^" + log2 + " bytes (only 1 and 65536 are allowed)");
      else pageSizeLog2 = log2 | 0;
    }
    if (!r.ok()) return null;
    // the largest memory is 2^32 bytes: 65536 pages of 64 KiB, or 2^32 - 1 one-byte pages (a u32 cannot say more)
    if (pageSizeLog2 === 16 && (min > MAX_PAGES_64K || (hasMax && max > MAX_PAGES_64K))) {
      r.invalid(at, "memory size must be at most 65536 pages (4GiB): limits " + min + (hasMax ? ".." + max : ""));
    }
    if (hasMax && min > max) r.invalid(at, "size minimum must not be greater than maximum: memory limits " + min + " > " + max);
    return new MemType(min, max, hasMax, pageSizeLog2);
  }

  globalType(r: Reader): GlobalType | null {
    const t = this.valType(r);
    const at = r.pos;
    const mut = r.u8();
    if (!r.ok()) return null;
    if (mut > 1) {
      r.fail(at, "malformed mutability " + hexByte(mut));
      return null;
    }
    return new GlobalType(t, mut === 1);
  }

  addMemory(r: Reader, at: i32, t: MemType): void {
    if (this.m.mems.length > 0 && !this.features.multiMemory) r.invalid(at, "multiple memories: Wasm 2.0 allows one memory");
    this.m.mems.push(t);
  }

  importSection(r: Reader): boolean {
    const m = this.m;
    const n = r.count(1);
    for (let i = 0; i < n && r.ok(); i++) {
      const module = r.name();
      const name = r.name();
      const at = r.pos;
      const kind = r.u8();
      if (!r.ok()) return false;
      switch (kind) {
        case ExternKind.Func: {
          const t = this.typeIndex(r);
          this.importFuncTypes.push(t);
          m.imports.push(new Import(module, name, kind, t));
          m.numFuncImports++;
          break;
        }
        case ExternKind.Table: {
          const t = this.tableType(r);
          if (t === null) return false;
          m.imports.push(new Import(module, name, kind, m.tables.length));
          m.tables.push(t);
          m.numTableImports++;
          break;
        }
        case ExternKind.Mem: {
          const t = this.memType(r);
          if (t === null) return false;
          m.imports.push(new Import(module, name, kind, m.mems.length));
          this.addMemory(r, at, t);
          m.numMemImports++;
          break;
        }
        case ExternKind.Global: {
          const t = this.globalType(r);
          if (t === null) return false;
          m.imports.push(new Import(module, name, kind, m.globals.length));
          m.globals.push(new GlobalDef(t, -1, -1));
          m.numGlobalImports++;
          break;
        }
        default:
          return r.fail(at, "malformed import kind " + hexByte(kind));
      }
    }
    return r.ok();
  }

  functionSection(r: Reader): boolean {
    const n = r.count(1);
    if (!r.ok()) return false;
    const imported = this.importFuncTypes.length;
    this.functionCount = n;
    const types = new Int32Array(imported + n);
    for (let i = 0; i < n && r.ok(); i++) types[imported + i] = this.typeIndex(r);
    this.m.funcTypeIndex = types;
    return r.ok();
  }

  tableSection(r: Reader): boolean {
    const n = r.count(1);
    for (let i = 0; i < n && r.ok(); i++) {
      const t = this.tableType(r);
      if (t !== null) this.m.tables.push(t);
    }
    return r.ok();
  }

  memorySection(r: Reader): boolean {
    const n = r.count(1);
    for (let i = 0; i < n && r.ok(); i++) {
      const at = r.pos;
      const t = this.memType(r);
      if (t !== null) this.addMemory(r, at, t);
    }
    return r.ok();
  }

  globalSection(r: Reader): boolean {
    const m = this.m;
    const n = r.count(1);
    for (let i = 0; i < n && r.ok(); i++) {
      const t = this.globalType(r);
      if (t === null) return false;
      const start = r.pos;
      validateConstExpr(r, m, t.type);
      if (!r.ok()) return false;
      m.globals.push(new GlobalDef(t, start, r.pos));
    }
    return r.ok();
  }

  exportSection(r: Reader): boolean {
    const m = this.m;
    const n = r.count(1);
    if (!r.ok()) return false;
    // names are checked for duplicates with an open-addressing hash table of export indices + 1
    const slots = new Int32Array(hashSize(n));
    for (let i = 0; i < n && r.ok(); i++) {
      const nameAt = r.pos;
      const name = r.name();
      const at = r.pos;
      const kind = r.u8();
      const indexAt = r.pos;
      const index = r.u32();
      if (!r.ok()) return false;
      let limit = 0;
      let what = "";
      switch (kind) {
        case ExternKind.Func:
          limit = m.funcTypeIndex.length;
          what = "function";
          break;
        case ExternKind.Table:
          limit = m.tables.length;
          what = "table";
          break;
        case ExternKind.Mem:
          limit = m.mems.length;
          what = "memory";
          break;
        case ExternKind.Global:
          limit = m.globals.length;
          what = "global";
          break;
        default:
          return r.fail(at, "malformed export kind " + hexByte(kind));
      }
      if (index >= limit) r.invalid(indexAt, "unknown " + what + " " + index + " in export (" + limit + " " + what + "s)");
      else if (kind === ExternKind.Func) m.declaredRefs[index] = 1;
      if (!insertName(slots, m.exports, name)) r.invalid(nameAt, "duplicate export name (export " + i + ")");
      m.exports.push(new Export(name, kind, index | 0));
    }
    return r.ok();
  }

  startSection(r: Reader): boolean {
    const m = this.m;
    const at = r.pos;
    const f = r.u32();
    if (!r.ok()) return false;
    if (f >= m.funcTypeIndex.length) return r.invalid(at, "unknown function " + f + " as start function (" + m.funcTypeIndex.length + " functions)");
    m.start = f | 0;
    // (an unknown type index has been reported already)
    if (m.funcTypeIndex[m.start] >= m.types.length) return true;
    const t = m.funcType(m.start);
    if (t.params.length !== 0 || t.results.length !== 0) r.invalid(at, "start function " + f + " must have type [] -> []");
    return true;
  }

  /** An active segment's offset expression (type i32); returns its start, the end is r.pos. */
  offsetExpr(r: Reader): i32 {
    const start = r.pos;
    validateConstExpr(r, this.m, ValType.I32);
    return start;
  }

  elementSection(r: Reader): boolean {
    const m = this.m;
    const n = r.count(1);
    for (let i = 0; i < n && r.ok(); i++) {
      const at = r.pos;
      const flags = r.u32();
      if (!r.ok()) return false;
      if (flags > 7) return r.fail(at, "malformed elements segment kind " + flags);
      // bit 0: passive or declarative; bit 1: explicit table index (active) or declarative; bit 2: expressions instead of function indices
      const mode = (flags & 1) === 0 ? SegmentMode.Active : (flags & 2) !== 0 ? SegmentMode.Declarative : SegmentMode.Passive;
      const usesExprs = (flags & 4) !== 0;
      let table = 0;
      let offsetStart = -1;
      let offsetEnd = -1;
      const tableAt = r.pos;
      if (mode === SegmentMode.Active) {
        if ((flags & 2) !== 0) table = r.index();
        offsetStart = this.offsetExpr(r);
        offsetEnd = r.pos;
      }
      let elemType = ValType.FuncRef;
      if ((flags & 3) !== 0) {
        if (usesExprs) {
          elemType = this.refType(r);
        } else {
          const kindAt = r.pos;
          const kind = r.u8();
          if (r.ok() && kind !== 0) return r.fail(kindAt, "malformed element kind " + hexByte(kind));
        }
      }
      if (!r.ok()) return false;
      if (mode === SegmentMode.Active) {
        if (table >= m.tables.length) {
          r.invalid(tableAt, "unknown table " + table + " in element segment " + i + " (" + m.tables.length + " tables)");
        } else {
          const tt = m.tables[table].elemType;
          if (tt !== elemType) r.invalid(tableAt, "type mismatch: element segment " + i + " of " + valTypeName(elemType) + " for a table of " + valTypeName(tt));
        }
      }
      const count = r.count(1);
      if (!r.ok()) return false;
      let funcIndices: Int32Array | null = null;
      let exprRanges: Int32Array | null = null;
      if (usesExprs) {
        const ranges = new Int32Array(count * 2);
        for (let k = 0; k < count && r.ok(); k++) {
          ranges[2 * k] = r.pos;
          validateConstExpr(r, m, elemType);
          ranges[2 * k + 1] = r.pos;
        }
        exprRanges = ranges;
      } else {
        const funcs = new Int32Array(count);
        const numFuncs = m.funcTypeIndex.length;
        for (let k = 0; k < count && r.ok(); k++) {
          const fAt = r.pos;
          const f = r.u32();
          if (!r.ok()) return false;
          if (f >= numFuncs) {
            r.invalid(fAt, "unknown function " + f + " in element segment " + i + " (" + numFuncs + " functions)");
            continue;
          }
          funcs[k] = f;
          m.declaredRefs[f] = 1;
        }
        funcIndices = funcs;
      }
      if (!r.ok()) return false;
      m.elems.push(new ElemSegment(mode, table, offsetStart, offsetEnd, elemType, funcIndices, exprRanges, count));
    }
    return r.ok();
  }

  codeSection(r: Reader): boolean {
    const m = this.m;
    const n = r.count(1);
    if (!r.ok()) return false;
    this.codeCount = n;
    for (let i = 0; i < n && r.ok(); i++) {
      const sizeAt = r.pos;
      const size = r.u32();
      if (!r.ok()) return false;
      if (size > r.remaining()) return r.fail(sizeAt, "unexpected end of section or function: body " + i + " of " + size + " bytes, " + r.remaining() + " left");
      const start = r.pos;
      r.pos = (start + size) | 0;
      m.bodies.push(new FuncBody(start, r.pos));
    }
    return r.ok();
  }

  dataSection(r: Reader): boolean {
    const m = this.m;
    const n = r.count(1);
    if (!r.ok()) return false;
    this.dataSectionCount = n;
    for (let i = 0; i < n && r.ok(); i++) {
      const at = r.pos;
      const flags = r.u32();
      if (!r.ok()) return false;
      if (flags > 2) return r.fail(at, "malformed data segment kind " + flags);
      const mode = flags === 1 ? SegmentMode.Passive : SegmentMode.Active;
      let mem = 0;
      let offsetStart = -1;
      let offsetEnd = -1;
      const memAt = r.pos;
      if (flags === 2) mem = r.index();
      if (mode === SegmentMode.Active) {
        if (r.ok() && mem >= m.mems.length) r.invalid(memAt, "unknown memory " + mem + " in data segment " + i + " (" + m.mems.length + " memories)");
        offsetStart = this.offsetExpr(r);
        offsetEnd = r.pos;
      }
      const lenAt = r.pos;
      const length = r.u32();
      if (!r.ok()) return false;
      if (length > r.remaining()) return r.fail(lenAt, "unexpected end of section or function: data segment " + i + " of " + length + " bytes, " + r.remaining() + " left");
      m.datas.push(new DataSegment(mode, mem, offsetStart, offsetEnd, r.pos, length | 0));
      r.pos = (r.pos + length) | 0;
    }
    return r.ok();
  }
}

/** A power of two at least twice n (and at least 8), for the export-name hash table. */
function hashSize(n: i32): i32 {
  let size = 8;
  while (size < n * 2) size = (size * 2) | 0;
  return size;
}

function hashName(name: Uint8Array): i32 {
  let h = -2128831035; // FNV-1a offset basis (2166136261) as an i32
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name[i], 16777619);
  return h;
}

/** Adds `name` (the next export, index exports.length) to the hash table; false when an earlier export has the same name. */
function insertName(slots: Int32Array, exports: Export[], name: Uint8Array): boolean {
  const mask = slots.length - 1;
  let s = hashName(name) & mask;
  while (slots[s] !== 0) {
    if (sameBytes(exports[slots[s] - 1].name, name)) return false;
    s = (s + 1) & mask;
  }
  slots[s] = exports.length + 1;
  return true;
}
