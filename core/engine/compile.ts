// Phase 2: validates every function body and translates it into the internal
// code that execute.ts runs (README.md, "Internal code"), in one pass per
// body. This file reads the locals and the instructions and dispatches each
// to its family: compile-control.ts (blocks, branches, calls),
// compile-numeric.ts, compile-memory.ts (locals, globals, memory, tables).
import type { i32, u32, f64 } from "../types";
import { arenaCreate, arenaFree, arenaUse } from "../arena";
import { ValType } from "./types";
import { CompiledCode, LoadError, Module } from "./module";
import { OwnedBuffer } from "./owned-buffer";
import { Reader } from "./reader";
import { CtrlKind, FuncState, MAX_CONST_SLOTS, UNKNOWN } from "./compile-state";
import {
  BlockType,
  compileBlock,
  compileBr,
  compileBrIf,
  compileBrTable,
  compileCall,
  compileCallIndirect,
  compileDrop,
  compileElse,
  compileEnd,
  compileReturn,
  compileSelect,
  compileUnreachable,
  readBlockType,
} from "./compile-control";
import { compileNumeric } from "./compile-numeric";
import {
  MemArg,
  accessLog2,
  compileDataDrop,
  compileElemDrop,
  compileGlobalGet,
  compileGlobalSet,
  compileLoad,
  compileLocalGet,
  compileLocalSet,
  compileMemoryCopy,
  compileMemoryFill,
  compileMemoryGrow,
  compileMemoryInit,
  compileMemorySize,
  readMemarg,
  compileRefFunc,
  compileRefIsNull,
  compileRefNull,
  compileStore,
  compileTableCopy,
  compileTableFill,
  compileTableGet,
  compileTableGrow,
  compileTableInit,
  compileTableSet,
  compileTableSize,
  readMemIndex,
} from "./compile-memory";
import { Op } from "./ops";

/**
 * The most locals (params included) a function may have. The binary format
 * allows up to 2^32 - 1; every local is a frame slot, so a realistic bound
 * keeps a hostile module from asking for gigabytes.
 */
export const MAX_LOCALS: i32 = 50000;

/** The first chunk of the arena that holds a compilation's working memory. */
const SCRATCH_BYTES: u32 = 16 * 1024;

/**
 * A stub's frame size: larger than any value stack, so a call of the stub
 * takes the interpreter's slow path (where it checks the frame fits), which
 * sees this value and translates the function instead (execute.ts).
 */
export const LAZY_FRAME_SLOTS: i32 = 0x7fffffff;

/**
 * A stub is the first words of an ENTER: op, fuel (0), the function's defined
 * index (where ENTER has zeroFrom), 0, LAZY_FRAME_SLOTS. The interpreter reads
 * no further before it takes the slow path.
 */
const STUB_WORDS: i32 = 5;

/**
 * Validates all of m's function bodies; false with `err` set on the first
 * invalid one. Translation is lazy: each body is translated again on its
 * first call (translateFunction), so m.compiled starts with pc 0's REFUEL
 * and one stub per function. The working memory (operand and control
 * stacks, the code of the body being validated) lives in an arena of its
 * own, freed at the end.
 */
export function compile(m: Module, err: LoadError): boolean {
  const n = m.bodies.length;
  const entry = new Int32Array(n);
  const frameSlots = new Int32Array(n);
  const scratch = arenaCreate(SCRATCH_BYTES);
  const outer = arenaUse(scratch);
  const s = new FuncState(m, new Reader(m.bytes, 0, 0, err), err, 256);
  const failedAt = validateAll(s, frameSlots);
  arenaUse(outer);
  if (failedAt < 0) {
    const storage = new OwnedBuffer();
    const words = (1 + n * STUB_WORDS) | 0;
    storage.resize((words << 2) >>> 0, 0);
    const code = new Int32Array(storage.buf);
    // pc 0: where back edges that ran out of fuel go
    code[0] = Op.REFUEL;
    for (let i = 0; i < n; i++) {
      const at = (1 + i * STUB_WORDS) | 0;
      code[at] = Op.ENTER;
      code[at + 2] = i;
      code[at + 4] = LAZY_FRAME_SLOTS;
      entry[i] = at;
    }
    const c = new CompiledCode(code, entry, frameSlots, storage);
    c.used = words;
    m.compiled = c;
  } else {
    // the message was built in the scratch arena: this concatenation makes a copy outside it
    err.message = err.message + " (in function " + failedAt + ")";
  }
  arenaFree(scratch);
  return failedAt < 0;
}

/** Validates every body (its translation is dropped); returns -1, or the index of the function that failed. */
function validateAll(s: FuncState, frameSlots: Int32Array): i32 {
  const m = s.m;
  const n = m.bodies.length;
  const bt = new BlockType();
  const ma = new MemArg();
  for (let i = 0; i < n; i++) {
    s.pc = 0;
    s.callFixups = [];
    const slots = translateBody(s, (m.numFuncImports + i) | 0, bt, ma);
    if (slots < 0) return (m.numFuncImports + i) | 0;
    frameSlots[i] = slots;
  }
  return -1;
}

/** Translates one body at s.pc, its constant table after it; returns its frame size in slots, or -1 when it is invalid. */
function translateBody(s: FuncState, funcIndex: i32, bt: BlockType, ma: MemArg): i32 {
  const at = s.pc;
  if (!compileFunction(s, funcIndex, bt, ma)) return -1;
  const frameSlots = (s.stackBase + s.maxHeight) | 0;
  // ENTER's frame size and constant table, which follows the function's code
  s.code[at + 4] = frameSlots;
  s.code[at + 5] = s.constCount << 1;
  s.code[at + 6] = s.pc;
  for (let k = 0; k < s.constCount; k++) {
    s.word(s.constLo[k]);
    s.word(s.constHi[k]);
  }
  return frameSlots;
}

/**
 * Translates defined function `def` of a loaded module (validated by
 * compile) on its first call and points its entry at the new code. The code
 * may move to a bigger buffer (the old one is freed): the interpreter
 * reloads m.compiled.code after this.
 */
export function translateFunction(m: Module, def: i32): void {
  const c = m.compiled!;
  if (c.code[c.entry[def] + 4] !== LAZY_FRAME_SLOTS) return;
  const body = m.bodies[def];
  // room for the usual size of the code, about 0.7 words per byte of body (the emitter grows it in the scratch arena when it needs more)
  reserveCode(c, c.used + (body.bodyEnd - body.bodyStart) + 64);
  const scratch = arenaCreate(SCRATCH_BYTES);
  const outer = arenaUse(scratch);
  const err = new LoadError();
  const s = new FuncState(m, new Reader(m.bytes, 0, 0, err), err, 0);
  s.code = c.code;
  s.pc = c.used;
  const at = c.used;
  const capacity = c.code.length;
  const ok = translateBody(s, (m.numFuncImports + def) | 0, new BlockType(), new MemArg()) >= 0;
  arenaUse(outer);
  if (!ok) throw new Error("a validated function failed to translate");
  if (s.code.length !== capacity) {
    // the emitter outgrew the buffer: move the code into one of the right size
    reserveCode(c, s.pc);
    c.code.set(s.code.subarray(at, s.pc), at);
  }
  c.used = s.pc;
  c.entry[def] = at;
  // direct calls name their callee by defined index: its entry (its stub until it is translated)
  for (let i = 0; i < s.callFixups.length; i++) {
    const pos = s.callFixups[i];
    c.code[pos] = c.entry[c.code[pos]];
  }
  arenaFree(scratch);
}

/** Makes c.code hold at least `words` words (with a sixteenth more to spare), moving it when it must. */
function reserveCode(c: CompiledCode, words: f64): void {
  if (words <= c.code.length) return;
  const n: f64 = words + Math.floor(words / 16);
  c.storage.resize((n * 4) >>> 0, (c.used * 4) >>> 0);
  c.code = new Int32Array(c.storage.buf);
}

/**
 * Translates every function now rather than on its first call (for a board
 * that wants no translation at run time, and for tests of the internal code).
 */
export function translateAll(m: Module): void {
  for (let i = 0; i < m.bodies.length; i++) translateFunction(m, i);
}

/** Reads the locals of the body; false on failure. */
function readLocals(s: FuncState, params: Uint8Array): boolean {
  const r = s.r;
  const groups = r.count(2);
  if (!s.ok()) return false;
  const start = r.pos;
  let total: f64 = params.length;
  for (let g = 0; g < groups; g++) {
    const count = r.u32();
    r.u8();
    if (!s.ok()) return false;
    total += count;
  }
  if (total > 4294967295) return s.r.fail(start, "too many locals");
  if (total > MAX_LOCALS) return s.r.fail(start, "too many locals: " + total + ", the limit is " + MAX_LOCALS);
  const types = new Uint8Array(total | 0);
  types.set(params);
  let n = params.length;
  r.pos = start;
  for (let g = 0; g < groups; g++) {
    const count = r.u32();
    const at = r.pos;
    const t = r.u8();
    if (!isValueType(t)) {
      if (t === ValType.V128) return r.invalid(at, "SIMD is not supported: local of type v128");
      return r.fail(at, "malformed value type " + hex(t));
    }
    types.fill(t, n, n + count);
    n = (n + count) | 0;
  }
  s.localTypes = types;
  s.nLocals = n;
  return true;
}

function isValueType(t: i32): boolean {
  return (
    t === ValType.I32 ||
    t === ValType.I64 ||
    t === ValType.F32 ||
    t === ValType.F64 ||
    t === ValType.FuncRef ||
    t === ValType.ExternRef
  );
}

function compileFunction(s: FuncState, funcIndex: i32, bt: BlockType, ma: MemArg): boolean {
  const m = s.m;
  const body = m.bodies[funcIndex - m.numFuncImports];
  const ft = m.funcType(funcIndex);
  const r = new Reader(m.bytes, body.bodyStart, body.bodyEnd, s.err);
  r.eofMessage = "unexpected end of section or function";
  s.r = r;
  s.at = body.bodyStart;
  if (!readLocals(s, ft.params)) return false;
  s.results = ft.results;
  // constant slots: no more than the body has constants (counted as bytes that could be their opcodes)
  let consts = 0;
  for (let p = r.pos; p < r.end && consts < MAX_CONST_SLOTS; p++) {
    const b = m.bytes[p];
    if (b >= 0x41 && b <= 0x44) consts++;
  }
  s.constSlots = consts;
  s.constCount = 0;
  s.stackBase = (s.nLocals + consts) | 0;
  s.height = 0;
  s.maxHeight = 0;
  s.lazyLocals = 0;
  s.depth = 0;
  s.deadFrames = 0;
  s.forget();
  // ENTER fuel, zeroFrom, zeroTo, frameSlots, constWords, constPc: all but the locals are patched at the end
  const enter = s.op(Op.ENTER, 6);
  s.arg(0);
  s.arg(ft.params.length << 1);
  s.arg(s.nLocals << 1);
  s.arg(0);
  s.arg(0);
  s.arg(0);
  const f = s.pushCtrl(CtrlKind.Func, ft.params.subarray(0, 0), ft.results);
  f.fuelPos = (enter + 1) | 0;
  s.startZeroLocals(ft.params.length);
  s.fuelCtrl = f;
  let labels = new Int32Array(16);
  while (true) {
    if (r.pos >= r.end) {
      s.at = r.pos;
      return s.malformed(endMissingMessage(m, r.end));
    }
    s.at = r.pos;
    const opcode = r.u8();
    s.fuelCtrl.fuel++;
    if (opcode >= 0x45 && opcode <= 0xc4) {
      compileNumeric(s, opcode);
      if (!s.ok()) return false;
      continue;
    }
    switch (opcode) {
      case 0x00:
        compileUnreachable(s);
        break;
      case 0x01:
        break;
      case 0x02:
      case 0x03:
      case 0x04:
        if (!readBlockType(s, bt)) return false;
        compileBlock(s, opcode === 0x02 ? CtrlKind.Block : opcode === 0x03 ? CtrlKind.Loop : CtrlKind.If, bt);
        break;
      case 0x05:
        compileElse(s);
        break;
      case 0x0b:
        if (compileEnd(s)) {
          if (!s.ok()) return false;
          s.code[f.fuelPos] = f.fuel;
          if (r.pos !== r.end) {
            return r.fail(r.pos, "section size mismatch: bytes after the end of the function body");
          }
          return true;
        }
        break;
      case 0x0c:
        compileBr(s, r.index());
        break;
      case 0x0d:
        compileBrIf(s, r.index());
        break;
      case 0x0e: {
        const count = r.count(1);
        if (!s.ok()) return false;
        if (labels.length <= count) labels = new Int32Array((count + 1) * 2);
        for (let i = 0; i <= count; i++) labels[i] = r.index();
        if (!s.ok()) return false;
        compileBrTable(s, labels, count);
        break;
      }
      case 0x0f:
        compileReturn(s);
        break;
      case 0x10:
        compileCall(s, r.index(), false);
        break;
      case 0x11:
      case 0x13: {
        const typeIndex = r.index();
        const table = r.index();
        if (!s.ok()) return false;
        compileCallIndirect(s, typeIndex, table, opcode === 0x13);
        break;
      }
      case 0x12:
        compileCall(s, r.index(), true);
        break;
      case 0x1a:
        compileDrop(s);
        break;
      case 0x1b:
        compileSelect(s, UNKNOWN);
        break;
      case 0x1c: {
        const n = r.u32();
        if (!s.ok()) return false;
        if (n !== 1) return s.invalid("invalid result arity: select with " + n + " types");
        const t = r.u8();
        if (!s.ok()) return false;
        if (!isValueType(t)) return s.malformed("malformed value type in select");
        compileSelect(s, t);
        break;
      }
      case 0x20:
        compileLocalGet(s, r.index());
        break;
      case 0x21:
        compileLocalSet(s, r.index(), false);
        break;
      case 0x22:
        compileLocalSet(s, r.index(), true);
        break;
      case 0x23:
        compileGlobalGet(s, r.index());
        break;
      case 0x24:
        compileGlobalSet(s, r.index());
        break;
      case 0x25:
        compileTableGet(s, r.index());
        break;
      case 0x26:
        compileTableSet(s, r.index());
        break;
      case 0x3f:
        compileMemorySize(s, readMemIndex(s));
        break;
      case 0x40:
        compileMemoryGrow(s, readMemIndex(s));
        break;
      case 0x41: {
        const v = r.s32();
        s.pushConst(ValType.I32, v, 0);
        break;
      }
      case 0x42: {
        const v = r.s64();
        s.pushConst(ValType.I64, Number(BigInt.asIntN(32, v)) | 0, Number(BigInt.asIntN(32, v >> 32n)) | 0);
        break;
      }
      case 0x43:
        s.pushConst(ValType.F32, r.word32(), 0);
        break;
      case 0x44: {
        const lo = r.word32();
        const hi = r.word32();
        s.pushConst(ValType.F64, lo, hi);
        break;
      }
      case 0xd0: {
        const t = r.u8();
        if (!s.ok()) return false;
        compileRefNull(s, t);
        break;
      }
      case 0xd1:
        compileRefIsNull(s);
        break;
      case 0xd2:
        compileRefFunc(s, r.index());
        break;
      case 0xfc:
        compilePrefixed(s);
        break;
      case 0xfd:
        return s.invalid("SIMD is not supported (instruction prefix 0xfd)");
      default:
        if (opcode >= 0x28 && opcode <= 0x3e) {
          if (!readMemarg(s, accessLog2(opcode), ma)) return false;
          if (opcode <= 0x35) compileLoad(s, opcode, ma);
          else compileStore(s, opcode, ma);
          break;
        }
        return s.malformed("illegal opcode " + hex(opcode));
    }
    if (!s.ok()) return false;
  }
}

/** The 0xfc instructions: saturating truncations, bulk memory and table operations. */
function compilePrefixed(s: FuncState): void {
  const r = s.r;
  const sub = r.u32();
  if (!s.ok()) return;
  if (sub <= 7) {
    compileNumeric(s, (Op.I32_TRUNC_SAT_F32_S + sub) | 0);
    return;
  }
  switch (sub) {
    case 8: {
      const data = r.index();
      const mem = readMemIndex(s);
      if (s.ok()) compileMemoryInit(s, data, mem);
      return;
    }
    case 9: {
      const data = r.index();
      if (s.ok()) compileDataDrop(s, data);
      return;
    }
    case 10: {
      const dst = readMemIndex(s);
      const src = readMemIndex(s);
      if (s.ok()) compileMemoryCopy(s, dst, src);
      return;
    }
    case 11: {
      const mem = readMemIndex(s);
      if (s.ok()) compileMemoryFill(s, mem);
      return;
    }
    case 12: {
      const elem = r.index();
      const table = r.index();
      if (s.ok()) compileTableInit(s, elem, table);
      return;
    }
    case 13: {
      const elem = r.index();
      if (s.ok()) compileElemDrop(s, elem);
      return;
    }
    case 14: {
      const dst = r.index();
      const src = r.index();
      if (s.ok()) compileTableCopy(s, dst, src);
      return;
    }
    case 15: {
      const table = r.index();
      if (s.ok()) compileTableGrow(s, table);
      return;
    }
    case 16: {
      const table = r.index();
      if (s.ok()) compileTableSize(s, table);
      return;
    }
    case 17: {
      const table = r.index();
      if (s.ok()) compileTableFill(s, table);
      return;
    }
  }
  s.malformed("illegal opcode 0xfc " + sub);
}

/**
 * The message for a body that ends before its final `end`. The reference
 * interpreter reads on past the body's size, so what it reports depends on
 * the next byte: at the end of the module "unexpected end of section or
 * function", an 0x0b that it takes for the `end` "section size mismatch",
 * anything else "END opcode expected". binary.wast tests all three.
 */
function endMissingMessage(m: Module, bodyEnd: i32): string {
  if (bodyEnd >= m.bytes.length) return "unexpected end of section or function";
  if (m.bytes[bodyEnd] === 0x0b) return "section size mismatch: the function body ends before its end opcode";
  return "END opcode expected";
}

const HEX_DIGITS: string[] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"];

function hex(b: i32): string {
  return "0x" + HEX_DIGITS[(b >> 4) & 15] + HEX_DIGITS[b & 15];
}
