// The decoded module: what decode.ts produces, compile.ts translates and
// instantiate.ts links. Nothing here copies the module's bytes: names, bodies,
// constant expressions and data segments are (start, end) offsets into
// Module.bytes, so on a board the bytes can stay in memory-mapped flash.
import type { i32 } from "../types";
import { ExternKind, FuncType, GlobalType, MemType, TableType, ValType } from "./types";
import { OwnedBuffer } from "./owned-buffer";

export class Import {
  constructor(
    /** module and field names: UTF-8 bytes */
    readonly module: Uint8Array,
    readonly name: Uint8Array,
    readonly kind: ExternKind,
    /** Func: the type index; Table/Mem/Global: the index in Module.tables/mems/globals */
    readonly index: i32,
  ) {}
}

export class Export {
  constructor(
    readonly name: Uint8Array,
    readonly kind: ExternKind,
    readonly index: i32,
  ) {}
}

/** A global: its type and, for a defined one, the byte range of its constant init expression. */
export class GlobalDef {
  constructor(
    readonly type: GlobalType,
    /** offset of the first instruction of the init expression; -1 for an imported global */
    readonly initStart: i32,
    /** offset just past the expression's `end` (0x0b) byte */
    readonly initEnd: i32,
  ) {}
}

export enum SegmentMode {
  Active = 0,
  Passive = 1,
  Declarative = 2,
}

export class ElemSegment {
  constructor(
    readonly mode: SegmentMode,
    readonly table: i32,
    /** active only: offset expression range [offsetStart, offsetEnd) including its `end` */
    readonly offsetStart: i32,
    readonly offsetEnd: i32,
    readonly elemType: ValType,
    /** element i is function funcIndices[i] (the "vec(funcidx)" encodings)... */
    readonly funcIndices: Int32Array | null,
    /** ...or the constant expression at exprRanges[2i] .. exprRanges[2i+1] (the "vec(expr)" encodings) */
    readonly exprRanges: Int32Array | null,
    readonly count: i32,
  ) {}
}

export class DataSegment {
  constructor(
    readonly mode: SegmentMode,
    readonly mem: i32,
    readonly offsetStart: i32,
    readonly offsetEnd: i32,
    /** the bytes are Module.bytes[dataStart .. dataStart + dataLength) */
    readonly dataStart: i32,
    readonly dataLength: i32,
  ) {}
}

/** A function body in the code section: [bodyStart, bodyEnd) is the body after its size (locals, then code). */
export class FuncBody {
  constructor(
    readonly bodyStart: i32,
    readonly bodyEnd: i32,
  ) {}
}

export class Module {
  types: FuncType[] = [];
  imports: Import[] = [];
  /** type index of every function, imported ones first */
  funcTypeIndex: Int32Array = new Int32Array(0);
  numFuncImports: i32 = 0;
  /** imported tables/memories/globals come first in these lists too */
  tables: TableType[] = [];
  numTableImports: i32 = 0;
  mems: MemType[] = [];
  numMemImports: i32 = 0;
  globals: GlobalDef[] = [];
  numGlobalImports: i32 = 0;
  exports: Export[] = [];
  /** function index of the start function, or -1 */
  start: i32 = -1;
  elems: ElemSegment[] = [];
  datas: DataSegment[] = [];
  /** the data count section's value, or -1 when there is none */
  dataCount: i32 = -1;
  /** one per defined function (index = function index - numFuncImports) */
  bodies: FuncBody[] = [];
  /** 1 for each function index that may be named by ref.func in a body (referenced outside function bodies: exports, elems, globals) */
  declaredRefs: Uint8Array = new Uint8Array(0);
  /** the internal code, filled in by compile.ts */
  compiled: CompiledCode | null = null;

  constructor(readonly bytes: Uint8Array) {}

  funcType(funcIndex: i32): FuncType {
    return this.types[this.funcTypeIndex[funcIndex]];
  }
}

/**
 * compile.ts's output: the internal code (README.md, "Internal code"). Owned
 * by compile.ts and execute.ts. Functions are translated on their first call
 * (compile.ts, translateFunction): until then a function's entry is a stub
 * whose first call translates it, so only the code that runs takes RAM.
 */
export class CompiledCode {
  /** words of `code` in use: pc 0's REFUEL, the stubs, the functions translated so far */
  used: i32 = 0;
  constructor(
    /** all translated functions' internal code, one after another; code.length is the capacity (storage owns it) */
    public code: Int32Array,
    /** per defined function: the pc of its entry in code (its stub until it is translated) */
    readonly entry: Int32Array,
    /** per defined function: slots of its frame (params + locals + constant slots + maximum operand stack) */
    readonly frameSlots: Int32Array,
    /** the arena of `code`: a translation that needs room replaces it and frees the old one */
    readonly storage: OwnedBuffer,
  ) {}
}

/**
 * load()'s failure: the byte offset in the module and what is wrong. The
 * decoder and the validator have no exceptions (STS has none): they report the
 * first failure with fail() and then unwind, checking `failed`.
 */
export class LoadError {
  failed: boolean = false;
  offset: i32 = 0;
  message: string = "";
  /** true for a malformed binary (decoding), false for an invalid module (validation) */
  malformed: boolean = false;

  /** Records the first failure; later ones are ignored. Returns false, so `return err.fail(...)` reads well. */
  fail(offset: i32, message: string, malformed: boolean): boolean {
    if (!this.failed) {
      this.failed = true;
      this.offset = offset;
      this.message = message;
      this.malformed = malformed;
    }
    return false;
  }
}
