// Compiling the numeric instructions (0x45 .. 0xc4, and the saturating
// truncations 0xfc 0 .. 7): their types, the instructions that are only a
// change of type, and the i32 forms with a constant operand.
import type { i32 } from "../types";
import { ValType } from "./types";
import { FuncState, Kind, is64 } from "./compile-state";
import { Op } from "./ops";

const I32: i32 = ValType.I32;
const I64: i32 = ValType.I64;
const F32: i32 = ValType.F32;
const F64: i32 = ValType.F64;

/** Per internal numeric op (0x45 .. 0xcc): its operand type, 0 for unary or the second operand's type, and its result type. */
const IN_TYPE = new Uint8Array(256);
const IN2_TYPE = new Uint8Array(256);
const OUT_TYPE = new Uint8Array(256);

function sig(from: i32, to: i32, a: i32, b: i32, r: i32): void {
  for (let op = from; op <= to; op++) {
    IN_TYPE[op] = a;
    IN2_TYPE[op] = b;
    OUT_TYPE[op] = r;
  }
}

sig(0x45, 0x45, I32, 0, I32);
sig(0x46, 0x4f, I32, I32, I32);
sig(0x50, 0x50, I64, 0, I32);
sig(0x51, 0x5a, I64, I64, I32);
sig(0x5b, 0x60, F32, F32, I32);
sig(0x61, 0x66, F64, F64, I32);
sig(0x67, 0x69, I32, 0, I32);
sig(0x6a, 0x78, I32, I32, I32);
sig(0x79, 0x7b, I64, 0, I64);
sig(0x7c, 0x8a, I64, I64, I64);
sig(0x8b, 0x91, F32, 0, F32);
sig(0x92, 0x98, F32, F32, F32);
sig(0x99, 0x9f, F64, 0, F64);
sig(0xa0, 0xa6, F64, F64, F64);
sig(0xa7, 0xa7, I64, 0, I32);
sig(0xa8, 0xa9, F32, 0, I32);
sig(0xaa, 0xab, F64, 0, I32);
sig(0xac, 0xad, I32, 0, I64);
sig(0xae, 0xaf, F32, 0, I64);
sig(0xb0, 0xb1, F64, 0, I64);
sig(0xb2, 0xb3, I32, 0, F32);
sig(0xb4, 0xb5, I64, 0, F32);
sig(0xb6, 0xb6, F64, 0, F32);
sig(0xb7, 0xb8, I32, 0, F64);
sig(0xb9, 0xba, I64, 0, F64);
sig(0xbb, 0xbb, F32, 0, F64);
sig(0xbc, 0xbc, F32, 0, I32);
sig(0xbd, 0xbd, F64, 0, I64);
sig(0xbe, 0xbe, I32, 0, F32);
sig(0xbf, 0xbf, I64, 0, F64);
sig(0xc0, 0xc1, I32, 0, I32);
sig(0xc2, 0xc4, I64, 0, I64);
sig(0xc5, 0xc6, F32, 0, I32);
sig(0xc7, 0xc8, F64, 0, I32);
sig(0xc9, 0xca, F32, 0, I64);
sig(0xcb, 0xcc, F64, 0, I64);

/** The i32 comparisons in Op order (eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u): the one with swapped operands. */
const MIRRORED = new Uint8Array([0, 1, 4, 5, 2, 3, 8, 9, 6, 7]);
/** ... and the negation. */
const NEGATED = new Uint8Array([1, 0, 8, 9, 6, 7, 4, 5, 2, 3]);

export function negatedCompare(k: i32): i32 {
  return NEGATED[k];
}

/** The i32 op with a constant right operand, or -1. */
function immediateForm(op: i32): i32 {
  switch (op) {
    case Op.I32_ADD:
      return Op.I32_ADD_IMM;
    case Op.I32_MUL:
      return Op.I32_MUL_IMM;
    case Op.I32_AND:
      return Op.I32_AND_IMM;
    case Op.I32_OR:
      return Op.I32_OR_IMM;
    case Op.I32_XOR:
      return Op.I32_XOR_IMM;
    case Op.I32_SHL:
      return Op.I32_SHL_IMM;
    case Op.I32_SHR_S:
      return Op.I32_SHR_S_IMM;
    case Op.I32_SHR_U:
      return Op.I32_SHR_U_IMM;
  }
  if (op >= Op.I32_EQ && op <= Op.I32_GE_U) return (Op.I32_EQ_IMM + (op - Op.I32_EQ)) | 0;
  return -1;
}

function isCommutative(op: i32): boolean {
  return op === Op.I32_ADD || op === Op.I32_MUL || op === Op.I32_AND || op === Op.I32_OR || op === Op.I32_XOR;
}

/** Validates and translates numeric instruction `op` (an internal numeric opcode, 0x45 .. 0xcc). */
export function compileNumeric(s: FuncState, op: i32): void {
  const inType = IN_TYPE[op];
  const in2 = IN2_TYPE[op];
  const out = OUT_TYPE[op];
  if (in2 === 0) {
    const h = s.popType(inType);
    // i32.wrap_i64 (0xa7) and the reinterpretations (0xbc .. 0xbf)
    if (op === 0xa7 || (op >= 0xbc && op <= 0xbf)) {
      retype(s, h, out);
      return;
    }
    if (!s.live() || h < 0) {
      s.push(out);
      return;
    }
    const a = s.use(h);
    const at = s.op(op, 2);
    s.arg(s.dst(out, h));
    s.arg(a);
    s.push(out);
    s.result(at, h);
    return;
  }
  const hb = s.popType(in2);
  const ha = s.popType(inType);
  if (!s.live() || ha < 0 || hb < 0) {
    s.push(out);
    return;
  }
  const imm = immediateForm(op);
  if (imm >= 0 && s.kinds[hb] === Kind.Const) {
    emitImmediate(s, imm, ha, ha, s.vals[hb]);
    return;
  }
  if (op === Op.I32_SUB && s.kinds[hb] === Kind.Const) {
    emitImmediate(s, Op.I32_ADD_IMM, ha, ha, (0 - s.vals[hb]) | 0);
    return;
  }
  if (imm >= 0 && s.kinds[ha] === Kind.Const) {
    if (isCommutative(op)) {
      emitImmediate(s, imm, ha, hb, s.vals[ha]);
      return;
    }
    if (op >= Op.I32_EQ && op <= Op.I32_GE_U) {
      emitImmediate(s, (Op.I32_EQ_IMM + MIRRORED[op - Op.I32_EQ]) | 0, ha, hb, s.vals[ha]);
      return;
    }
  }
  if ((op === Op.I32_XOR || op === Op.I64_XOR) && fuseXorShift(s, op, ha, hb, out)) return;
  const a = s.use(ha);
  const b = s.use(hb);
  const first = s.addAt;
  if (op === Op.I32_ADD && first >= 0 && first + 4 === s.pc) {
    // the I32_ADD just before takes this one as its second half
    s.code[first] = Op.I32_ADD_2;
    s.word(s.dst(out, ha));
    s.word(a);
    s.word(b);
    s.push(out);
    s.addAt = -1;
    s.lastOp = first;
    s.lastDst = (first + 4) | 0;
    s.lastHeight = ha;
    return;
  }
  const at = s.op(op, 3);
  s.arg(s.dst(out, ha));
  s.arg(a);
  s.arg(b);
  s.push(out);
  s.result(at, ha);
  if (op === Op.I32_ADD) s.addAt = at;
}

/**
 * An xor of a value just shifted right (unsigned) by the instruction before,
 * with anything that needs no code to read: that shift becomes the fused
 * xor (I32_XOR_SHR_U_IMM, I64_XOR_SHR_U). Returns whether it did.
 */
function fuseXorShift(s: FuncState, op: i32, ha: i32, hb: i32, out: i32): boolean {
  const shift = op === Op.I32_XOR ? Op.I32_SHR_U_IMM : Op.I64_SHR_U;
  let shifted = -1;
  let other = -1;
  if (s.isLastResult(hb) && s.code[s.lastOp] === shift) {
    shifted = hb;
    other = ha;
  } else if (s.isLastResult(ha) && s.code[s.lastOp] === shift) {
    shifted = ha;
    other = hb;
  }
  // a constant operand may need code to read (a constant slot, or none left): not fused
  if (shifted < 0 || s.kinds[other] === Kind.Const) return false;
  const at = s.lastOp;
  // shift dst, x, k  becomes  xor-shift dst, other, x, k
  const x = s.code[at + 2];
  const k = s.code[at + 3];
  s.code[at] = op === Op.I32_XOR ? Op.I32_XOR_SHR_U_IMM : Op.I64_XOR_SHR_U;
  s.code[at + 1] = s.dst(out, ha);
  s.code[at + 2] = s.use(other);
  s.code[at + 3] = x;
  s.word(k);
  s.push(out);
  s.result(at, ha);
  return true;
}

/** Emits `o dst(resultHeight), a(operand at height ha), k` and pushes the i32 result. */
function emitImmediate(s: FuncState, o: i32, resultHeight: i32, ha: i32, k: i32): void {
  const a = s.use(ha);
  const first = s.addImmAt;
  if (o === Op.I32_ADD_IMM && first >= 0 && first + 4 === s.pc) {
    // the I32_ADD_IMM just before takes this one as its second half
    s.code[first] = Op.I32_ADD_IMM_2;
    s.word(s.dst(ValType.I32, resultHeight));
    s.word(a);
    s.word(k);
    s.push(ValType.I32);
    s.addImmAt = -1;
    s.lastOp = first;
    s.lastDst = (first + 4) | 0;
    s.lastHeight = resultHeight;
    return;
  }
  const at = s.op(o, 3);
  s.arg(s.dst(ValType.I32, resultHeight));
  s.arg(a);
  s.arg(k);
  s.push(ValType.I32);
  s.result(at, resultHeight);
  if (o === Op.I32_ADD_IMM) s.addImmAt = at;
}

/**
 * i32.wrap_i64 and the reinterpretations change only the type: the operand
 * stays where it is (the low word of a slot is its i32), lazy or not.
 */
function retype(s: FuncState, h: i32, out: i32): void {
  if (h < 0) {
    s.push(out);
    return;
  }
  const kind = s.kinds[h];
  const sameWidth = is64(out) === is64(s.types[h]);
  if (kind === Kind.Local) {
    s.pushLocal(out, s.vals[h]);
  } else if (kind === Kind.Const) {
    s.pushConst(out, s.vals[h], is64(out) ? s.his[h] : 0);
  } else {
    s.push(out);
    // a retargeted destination keeps its encoding (word or slot), which must stay right for the new type
    if (!sameWidth) s.forget();
  }
}
