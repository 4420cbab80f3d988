// The state of compiling one function body: the validator's operand and
// control stacks (the spec's appendix "Validation Algorithm") and, alongside,
// what the translator knows of each operand (in its slot, a lazy local.get,
// a lazy constant), the code being emitted and the pending branch fixups.
// compile.ts and the compile-*.ts families drive it instruction by instruction.
import type { i32 } from "../types";
import { ValType } from "./types";
import { LoadError, Module } from "./module";
import { Reader } from "./reader";
import { Op, loopForm } from "./ops";
import { valTypeName } from "./constexpr";

/**
 * At most this many constants of a function get a constant slot (filled at
 * entry from the function's constant table) that instructions read like any
 * operand; the others are written into their operand slot where used.
 */
export const MAX_CONST_SLOTS: i32 = 32;

/** The bottom type of the polymorphic stack (an operand popped from unreachable code). */
export const UNKNOWN: i32 = 0;

/** What an operand is, to the translator. */
export enum Kind {
  /** the value is in its own slot (nLocals + height) */
  Slot = 0,
  /** the value is local `val` (a local.get not yet copied) */
  Local = 1,
  /** the value is the constant with bits `val` (low) and `hi` (high word) */
  Const = 2,
}

export enum CtrlKind {
  Func = 0,
  Block = 1,
  Loop = 2,
  If = 3,
  Else = 4,
}

const NO_TYPES = new Uint8Array(0);

/** A control frame: the validator's fields plus the translator's label. */
export class Ctrl {
  kind: CtrlKind = CtrlKind.Block;
  params: Uint8Array = NO_TYPES;
  results: Uint8Array = NO_TYPES;
  /** operand stack height at the start, below the params */
  height: i32 = 0;
  unreachable: boolean = false;
  /** loop: the pc of its header; others: -1 (the end is not known yet) */
  label: i32 = -1;
  /** head of the chain of code positions that branch to this frame's end (linked through the code words), -1 if none */
  fixups: i32 = -1;
  /** if: position of the target operand of the branch taken when the condition is false, -1 once bound */
  elseFixup: i32 = -1;
  /** function: where its fuel charge (ENTER's) is patched; loop: the chain of its back edges' fuel operands; -1 if none */
  fuelPos: i32 = -1;
  /** loop / function: the count of Wasm instructions of its body so far (nested loops' bodies not included) */
  fuel: i32 = 0;
}

/** Whether a value type is 64 bits wide (named by slot rather than by word in the internal code). */
export function is64(t: i32): boolean {
  return t === ValType.I64 || t === ValType.F64;
}

export function isNum(t: i32): boolean {
  return t === ValType.I32 || t === ValType.I64 || t === ValType.F32 || t === ValType.F64 || t === UNKNOWN;
}

export function isRef(t: i32): boolean {
  return t === ValType.FuncRef || t === ValType.ExternRef || t === UNKNOWN;
}

export class FuncState {
  // ---- the function ----
  /** the function's locals (params first) */
  localTypes: Uint8Array = NO_TYPES;
  nLocals: i32 = 0;
  results: Uint8Array = NO_TYPES;
  /** the frame: locals, then constSlots constant slots, then the operand stack from stackBase */
  constSlots: i32 = 0;
  stackBase: i32 = 0;
  /**
   * Locals known to hold zero: local i does when zeroGen[i] === zeroEpoch.
   * The declared locals start at zero; the knowledge lasts while code runs
   * straight from the entry (a label, where other paths join, ends it), so
   * `i32.const 0; local.set` of such a local emits nothing.
   */
  zeroGen: Int32Array = new Int32Array(16);
  zeroEpoch: i32 = 1;
  /** the constants given a slot so far (slot nLocals + i holds constLo[i], constHi[i]) */
  constCount: i32 = 0;
  constLo: Int32Array = new Int32Array(MAX_CONST_SLOTS);
  constHi: Int32Array = new Int32Array(MAX_CONST_SLOTS);

  // ---- operand stack ----
  types: Uint8Array = new Uint8Array(64);
  kinds: Uint8Array = new Uint8Array(64);
  vals: Int32Array = new Int32Array(64);
  his: Int32Array = new Int32Array(64);
  height: i32 = 0;
  maxHeight: i32 = 0;
  /** how many operands are lazy locals (so local.set and block starts can skip the scan) */
  lazyLocals: i32 = 0;

  // ---- control stack ----
  ctrls: Ctrl[] = [];
  depth: i32 = 0;
  /** how many frames on the control stack are unreachable: code is emitted only when none is */
  deadFrames: i32 = 0;
  /** the innermost loop or the function frame: the one whose fuel the current instruction adds to */
  fuelCtrl: Ctrl = new Ctrl();

  // ---- code ----
  code: Int32Array;
  pc: i32 = 0;
  /** the last emitted instruction, if its result may still be retargeted: its start, its destination operand and the result's height; -1 when not */
  lastOp: i32 = -1;
  lastDst: i32 = -1;
  lastHeight: i32 = -1;
  /** the start of the last instruction when it is an I32_ADD_IMM that no instruction or label followed yet: a next one joins it (I32_ADD_IMM_2) */
  addImmAt: i32 = -1;
  /** the same for a MOV_32 (a next one makes it MOV_32_2) */
  movAt: i32 = -1;
  /** the same for an I32_ADD (a next one makes it I32_ADD_2) */
  addAt: i32 = -1;
  /** the start of the conditional branch compile-control.ts emitted last */
  branchAt: i32 = -1;
  /** positions of CALL / RETURN_CALL entry operands, which hold the callee's defined index until compile.ts patches them */
  callFixups: i32[] = [];
  /** scratch for br_table: stub position per label depth */
  stubs: Int32Array = new Int32Array(16);
  /** scratch for returns of several values: which were saved first */
  saved: Uint8Array = new Uint8Array(16);

  /** byte offset of the instruction being compiled, for error messages */
  at: i32 = 0;
  /** the body being read */
  r: Reader;

  constructor(
    readonly m: Module,
    r: Reader,
    readonly err: LoadError,
    initialCode: i32,
  ) {
    this.r = r;
    this.code = new Int32Array(initialCode > 256 ? initialCode : 256);
  }

  // ---------------------------------------------------------------- errors

  /** An invalid module: the first failure is kept. Returns false. */
  invalid(message: string): boolean {
    return this.r.invalid(this.at, message);
  }

  malformed(message: string): boolean {
    return this.r.fail(this.at, message);
  }

  ok(): boolean {
    return !this.err.failed;
  }

  /** Whether code is being emitted: false in unreachable code (which is validated only). */
  live(): boolean {
    return this.deadFrames === 0;
  }

  // ---------------------------------------------------------------- operand stack

  slotOf(h: i32): i32 {
    return (this.stackBase + h) | 0;
  }

  /** The constant slot holding these bits (32-bit constants have hi = 0), or -1 when there is no room. */
  constSlot(lo: i32, hi: i32): i32 {
    for (let i = 0; i < this.constCount; i++) {
      if (this.constLo[i] === lo && this.constHi[i] === hi) return (this.nLocals + i) | 0;
    }
    if (this.constCount >= this.constSlots) return -1;
    const i = this.constCount;
    this.constLo[i] = lo;
    this.constHi[i] = hi;
    this.constCount = (i + 1) | 0;
    return (this.nLocals + i) | 0;
  }

  private grow(): void {
    const n = this.types.length * 2;
    const t = new Uint8Array(n);
    t.set(this.types);
    this.types = t;
    const k = new Uint8Array(n);
    k.set(this.kinds);
    this.kinds = k;
    const v = new Int32Array(n);
    v.set(this.vals);
    this.vals = v;
    const hi = new Int32Array(n);
    hi.set(this.his);
    this.his = hi;
  }

  private pushEntry(t: i32, kind: Kind, val: i32, hi: i32): void {
    if (this.height >= this.types.length) this.grow();
    const h = this.height;
    this.types[h] = t;
    this.kinds[h] = kind;
    this.vals[h] = val;
    this.his[h] = hi;
    this.height = (h + 1) | 0;
    if (this.height > this.maxHeight) this.maxHeight = this.height;
    if (kind === Kind.Local) this.lazyLocals++;
  }

  /** Pushes a value that lives in its own slot; returns its height. */
  push(t: i32): i32 {
    this.pushEntry(t, Kind.Slot, 0, 0);
    return (this.height - 1) | 0;
  }

  pushLocal(t: i32, index: i32): void {
    this.pushEntry(t, Kind.Local, index, 0);
  }

  pushConst(t: i32, lo: i32, hi: i32): void {
    this.pushEntry(t, Kind.Const, lo, hi);
  }

  /** Drops operands down to height h. */
  dropTo(h: i32): void {
    while (this.height > h) this.dropTop();
  }

  /** Drops the top entry (already validated) and keeps the lazy count right. */
  private dropTop(): void {
    const h = (this.height - 1) | 0;
    if (this.kinds[h] === Kind.Local) this.lazyLocals--;
    this.height = h;
  }

  /**
   * Pops an operand (spec: pop_val). Returns its height, or -1 when it came
   * from the polymorphic stack of unreachable code (type UNKNOWN, no slot);
   * `poppedType` says its type. On underflow fails "type mismatch" and returns -1.
   */
  poppedType: i32 = UNKNOWN;
  pop(): i32 {
    const c = this.ctrls[this.depth - 1];
    if (this.height === c.height) {
      this.poppedType = UNKNOWN;
      if (!c.unreachable) this.invalid("type mismatch: expected a value, the stack is empty at this point");
      return -1;
    }
    const h = (this.height - 1) | 0;
    this.poppedType = this.types[h];
    this.dropTop();
    return h;
  }

  /** Pops an operand of type `t` (spec: pop_val(expect)); returns its height or -1. */
  popType(t: i32): i32 {
    const h = this.pop();
    const actual = this.poppedType;
    if (actual !== t && actual !== UNKNOWN && t !== UNKNOWN) {
      this.invalid("type mismatch: expected " + valTypeName(t) + ", got " + valTypeName(actual));
    }
    return h;
  }

  /** Pops the values of `ts` (last first); returns the height of the first one, or -1 if any came from unreachable code. */
  popTypes(ts: Uint8Array): i32 {
    let low: i32 = this.height;
    let known = true;
    for (let i = ts.length - 1; i >= 0; i--) {
      const h = this.popType(ts[i]);
      if (h < 0) known = false;
      else low = h;
    }
    return known ? low : -1;
  }

  /** Pushes values of types `ts`, each in its own slot. */
  pushTypes(ts: Uint8Array): void {
    for (let i = 0; i < ts.length; i++) this.push(ts[i]);
  }

  /**
   * Puts back the operands of heights [low, low + n) that popTypes just took
   * off (they are still in the arrays), with types `ts`.
   */
  unpop(low: i32, ts: Uint8Array): void {
    for (let i = 0; i < ts.length; i++) {
      const h = (low + i) | 0;
      this.types[h] = ts[i];
      if (this.kinds[h] === Kind.Local) this.lazyLocals++;
    }
    this.height = (low + ts.length) | 0;
  }

  // ---------------------------------------------------------------- control stack

  pushCtrl(kind: CtrlKind, params: Uint8Array, results: Uint8Array): Ctrl {
    if (this.depth >= this.ctrls.length) this.ctrls.push(new Ctrl());
    const c = this.ctrls[this.depth];
    this.depth++;
    c.kind = kind;
    c.params = params;
    c.results = results;
    c.height = this.height;
    c.unreachable = false;
    c.label = -1;
    c.fixups = -1;
    c.elseFixup = -1;
    c.fuelPos = -1;
    c.fuel = 0;
    return c;
  }

  /** The frame `d` levels out (0 = innermost), or null when there is none ("unknown label"). */
  label(d: i32): Ctrl | null {
    if (d < 0 || d >= this.depth) return null;
    return this.ctrls[this.depth - 1 - d];
  }

  top(): Ctrl {
    return this.ctrls[this.depth - 1];
  }

  /** The types a branch to `c` carries. */
  labelTypes(c: Ctrl): Uint8Array {
    return c.kind === CtrlKind.Loop ? c.params : c.results;
  }

  /** Marks the rest of the current frame unreachable (spec: unreachable()): drops its operands. */
  setUnreachable(): void {
    const c = this.top();
    while (this.height > c.height) this.dropTop();
    if (!c.unreachable) {
      c.unreachable = true;
      this.deadFrames++;
    }
    this.forget();
  }

  /** Leaves a frame's unreachable state (for `else`). */
  setReachable(c: Ctrl): void {
    if (c.unreachable) {
      c.unreachable = false;
      this.deadFrames--;
    }
  }

  /** Pops the innermost frame (spec: pop_ctrl): checks its results are exactly on the stack. */
  popCtrl(): Ctrl {
    this.popTypes(this.top().results);
    return this.closeCtrl();
  }

  /** The rest of pop_ctrl, once the results are popped: nothing else may remain. */
  closeCtrl(): Ctrl {
    const c = this.top();
    if (this.height !== c.height) this.invalid("type mismatch: values remain on the stack at the end of a block");
    while (this.height > c.height) this.dropTop();
    if (c.unreachable) {
      c.unreachable = false;
      this.deadFrames--;
    }
    this.depth--;
    return c;
  }

  // ---------------------------------------------------------------- emitting

  private ensure(n: i32): void {
    if (this.pc + n <= this.code.length) return;
    let size: i32 = (this.code.length * 2) | 0;
    while (size < this.pc + n) size = (size * 2) | 0;
    const c = new Int32Array(size);
    c.set(this.code.subarray(0, this.pc));
    this.code = c;
  }

  /** Starts an instruction; returns its position. Forgets the last result (a new instruction follows it). */
  op(o: Op, operands: i32): i32 {
    this.ensure((operands + 1) | 0);
    const at = this.pc;
    this.code[at] = o;
    this.pc = (at + 1) | 0;
    this.addImmAt = -1;
    this.movAt = -1;
    this.addAt = -1;
    this.lastOp = -1;
    this.lastDst = -1;
    this.lastHeight = -1;
    return at;
  }

  /** Starts an EXT instruction with sub-opcode `sub` and `operands` operands; returns its position. */
  ext(sub: Op, operands: i32): i32 {
    const at = this.op(Op.EXT, (operands + 2) | 0);
    this.arg((operands + 3) | 0);
    this.arg(sub);
    return at;
  }

  /** Emits MOV_32 dst, src, or makes the MOV_32 just before (no label between) a MOV_32_2 with this one. */
  mov32(dst: i32, src: i32): void {
    const first = this.movAt;
    if (first >= 0 && first + 3 === this.pc) {
      this.code[first] = Op.MOV_32_2;
      this.word(dst);
      this.word(src);
      this.movAt = -1;
      return;
    }
    const at = this.op(Op.MOV_32, 2);
    this.arg(dst);
    this.arg(src);
    this.movAt = at;
  }

  /** Appends a data word (not an instruction: the constant tables). */
  word(x: i32): void {
    this.ensure(1);
    this.code[this.pc] = x;
    this.pc = (this.pc + 1) | 0;
  }

  arg(x: i32): void {
    this.code[this.pc] = x;
    this.pc = (this.pc + 1) | 0;
  }

  /** Records that the instruction at `at` put the value of height `h` in its destination operand (at + 1). */
  result(at: i32, h: i32): void {
    this.lastOp = at;
    this.lastDst = (at + 1) | 0;
    this.lastHeight = h;
  }

  /** Nothing may be retargeted any more (a label was bound here, or code was emitted). */
  forget(): void {
    this.lastOp = -1;
    this.lastDst = -1;
    this.lastHeight = -1;
  }

  /** Whether the operand at height h is the result of the last instruction, still retargetable. */
  isLastResult(h: i32): boolean {
    return h >= 0 && h === this.lastHeight && this.kinds[h] === Kind.Slot;
  }

  // ---------------------------------------------------------------- operands

  /** The word index (32-bit values) or slot index (64-bit values) of slot s for type t. */
  enc(t: i32, s: i32): i32 {
    return is64(t) ? s : s << 1;
  }

  /** Copies a lazy operand into its own slot. */
  materialize(h: i32): void {
    const k = this.kinds[h];
    if (k === Kind.Slot) return;
    const t = this.types[h];
    const s = this.slotOf(h);
    if (k === Kind.Local) {
      // an operand already popped (h >= height) was taken off the count when it was popped
      if (h < this.height) this.lazyLocals--;
      if (is64(t)) {
        this.op(Op.MOV_64, 2);
        this.arg(s);
        this.arg(this.vals[h]);
      } else {
        this.mov32(s << 1, this.vals[h] << 1);
      }
    } else {
      this.emitConst(t, s, this.vals[h], this.his[h]);
    }
    this.kinds[h] = Kind.Slot;
  }

  /** Writes a constant into slot s. */
  emitConst(t: i32, s: i32, lo: i32, hi: i32): void {
    if (is64(t)) {
      this.op(Op.CONST_64, 3);
      this.arg(s);
      this.arg(lo);
      this.arg(hi);
    } else {
      this.op(Op.CONST_32, 2);
      this.arg(s << 1);
      this.arg(lo);
    }
  }

  /** Copies slot `from` (a local or an operand's slot) to slot `to`, for a value of type t. */
  copyLocal(t: i32, from: i32, to: i32): void {
    if (from === to) return;
    if (is64(t)) {
      this.op(Op.MOV_64, 2);
      this.arg(to);
      this.arg(from);
    } else {
      this.mov32(to << 1, from << 1);
    }
  }

  /** Copies the operand at height h (lazy or not) into slot s. */
  copyTo(h: i32, s: i32): void {
    const k = this.kinds[h];
    const t = this.types[h];
    if (k === Kind.Const) {
      this.emitConst(t, s, this.vals[h], this.his[h]);
      return;
    }
    const from = k === Kind.Local ? this.vals[h] : this.slotOf(h);
    if (from === s) return;
    if (is64(t)) {
      this.op(Op.MOV_64, 2);
      this.arg(s);
      this.arg(from);
    } else {
      this.mov32(s << 1, from << 1);
    }
  }

  /** The operand at height h as an instruction operand (word or slot index): a local, a constant slot, or its own slot. */
  use(h: i32): i32 {
    const t = this.types[h];
    const k = this.kinds[h];
    if (k === Kind.Local) return this.enc(t, this.vals[h]);
    if (k === Kind.Const) {
      const c = this.constSlot(this.vals[h], is64(t) ? this.his[h] : 0);
      if (c >= 0) return this.enc(t, c);
      this.materialize(h);
    }
    return this.enc(t, this.slotOf(h));
  }

  /** The destination operand for a result of type t at height h. */
  dst(t: i32, h: i32): i32 {
    return this.enc(t, this.slotOf(h));
  }

  /** Copies every lazy local on the stack into its slot (before a block, or before local `index` changes when index >= 0). */
  materializeLocals(index: i32, below: i32): void {
    if (this.lazyLocals === 0) return;
    for (let h = 0; h < below; h++) {
      if (this.kinds[h] === Kind.Local && (index < 0 || this.vals[h] === index)) this.materialize(h);
    }
  }

  /** Whether materializeLocals(index, below) would emit anything. */
  hasLazyLocal(index: i32, below: i32): boolean {
    if (this.lazyLocals === 0) return false;
    for (let h = 0; h < below; h++) {
      if (this.kinds[h] === Kind.Local && (index < 0 || this.vals[h] === index)) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- labels

  /**
   * Makes the branch instruction at `at` (BR or a BR_IF form), whose target
   * operand is at `pos` (the last word emitted), go to frame c's label. A
   * branch back to a loop becomes its back-edge form, which charges the
   * loop's fuel.
   */
  branchTo(c: Ctrl, at: i32, pos: i32): void {
    if (c.kind === CtrlKind.Loop) {
      // the target is the last operand emitted; the fuel operand follows, patched when the loop ends
      this.code[at] = loopForm(this.code[at]);
      this.code[pos] = c.label;
      this.word(c.fuelPos);
      c.fuelPos = (this.pc - 1) | 0;
      return;
    }
    this.target(c, pos);
  }

  /** Makes the code word at `pos` a branch to the label of frame c (now for a loop, at its end otherwise). */
  target(c: Ctrl, pos: i32): void {
    if (c.kind === CtrlKind.Loop) {
      this.code[pos] = c.label;
    } else {
      this.code[pos] = c.fixups;
      c.fixups = pos;
    }
  }

  /** Patches a chain of fixups to the current pc, which other paths now join. */
  bindChain(head: i32): void {
    let p = head;
    while (p >= 0) {
      const next = this.code[p];
      this.code[p] = this.pc;
      p = next;
    }
    this.join();
  }

  /** Patches one branch operand to the current pc, which another path now joins. */
  bindHere(pos: i32): void {
    this.code[pos] = this.pc;
    this.join();
  }

  /** At a label: the last result may not be retargeted, and no local is known to be zero any more. */
  join(): void {
    this.forget();
    this.addImmAt = -1;
    this.movAt = -1;
    this.addAt = -1;
    this.zeroEpoch = (this.zeroEpoch + 1) | 0;
  }

  // ---------------------------------------------------------------- locals known to be zero

  /** At function start: the declared locals (not the params) hold zero. */
  startZeroLocals(params: i32): void {
    if (this.zeroGen.length < this.nLocals) this.zeroGen = new Int32Array(this.nLocals * 2);
    this.zeroEpoch = (this.zeroEpoch + 1) | 0;
    for (let i = 0; i < this.nLocals; i++) this.zeroGen[i] = i < params ? 0 : this.zeroEpoch;
  }

  isZeroLocal(i: i32): boolean {
    return this.zeroGen[i] === this.zeroEpoch;
  }

  setZeroLocal(i: i32, zero: boolean): void {
    this.zeroGen[i] = zero ? this.zeroEpoch : 0;
  }
}
