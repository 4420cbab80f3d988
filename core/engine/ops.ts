// The internal opcodes: the numbering shared by compile.ts (which emits them)
// and execute.ts (which runs them). README.md, "Internal code", describes the
// machine; this file fixes each instruction's operands.
//
// Operands follow the op in the code array. Value operands are offsets from
// the frame: a 32-bit value (i32, f32, reference) is named by its *word*
// index (2 * slot, read through Thread.i32/f32 at 2 * fp + word), a 64-bit
// value (i64, f64) by its *slot* index (read through Thread.i64/f64 at fp + slot).
// "w" below marks a word operand, "s" a slot operand. An instruction that
// produces a value names its destination first, so compile.ts can retarget
// the last instruction's result (local.set folding) by rewriting operand 1.
//
// The numeric instructions of Wasm (0x45 .. 0xc4) keep their Wasm opcode as
// internal opcode (so the others take 0 .. 0x44 and 0xc5 .. 0xff), with the
// same operand order: `dst, a` (unary) or `dst, a, b` (binary). The five that
// are only a change of type (i32.wrap_i64 and the reinterpretations) are
// never emitted, so their numbers serve other instructions.
//
// The interpreter dispatches on the low byte of the code word, so every
// instruction it switches on is below 256. The rare instructions that touch
// state (bulk memory, tables, memories other than 0, ref.func) share one
// opcode, EXT, and are told apart by a sub-opcode (numbers from 0x100).

import type { i32 } from "../types";

export enum Op {
  // ---- control ----
  /** trap "unreachable" */
  UNREACHABLE = 0,
  /**
   * function entry: fuel, zeroFrom(w), zeroTo(w), frameSlots, constWords, constPc: charge fuel,
   * check the frame fits, zero the declared locals, then copy the function's constant table
   * (constWords words at constPc, after its code) into the constant slots that follow the locals
   */
  ENTER = 1,
  /**
   * at pc 0 of every module's code: a back edge that ran out of fuel jumps
   * here, with the fuel counter already negative and its target in the
   * interpreter's `resume`; refills the counter from the reserve and goes on
   * at `resume`, or traps OutOfFuel
   */
  REFUEL = 2,
  /** target */
  BR = 3,
  /** a(w), target: branch when a != 0 */
  BR_IF_NEZ = 4,
  /** a(w), target: branch when a == 0 */
  BR_IF_EQZ = 5,
  /** a(w), b(w), target: branch when the i32 comparison holds (same order as the Wasm comparisons i32.eq .. i32.ge_u) */
  BR_IF_EQ = 6,
  BR_IF_NE = 7,
  BR_IF_LT_S = 8,
  BR_IF_LT_U = 9,
  BR_IF_GT_S = 10,
  BR_IF_GT_U = 11,
  BR_IF_LE_S = 12,
  BR_IF_LE_U = 13,
  BR_IF_GE_S = 14,
  BR_IF_GE_U = 15,
  /** a(w), imm, target: the same comparisons against a constant */
  BR_IF_EQ_IMM = 16,
  BR_IF_NE_IMM = 17,
  BR_IF_LT_S_IMM = 18,
  BR_IF_LT_U_IMM = 19,
  BR_IF_GT_S_IMM = 20,
  BR_IF_GT_U_IMM = 21,
  BR_IF_LE_S_IMM = 22,
  BR_IF_LE_U_IMM = 23,
  BR_IF_GE_S_IMM = 24,
  BR_IF_GE_U_IMM = 25,
  /** a(w), n, target0 .. target(n-1), default target */
  BR_TABLE = 26,
  /** return: the results are already in slots 0 .. */
  RET = 27,
  /** src(w): copy one 32-bit result to slot 0, then return */
  RET_32 = 28,
  /** src(s): copy one 64-bit result to slot 0, then return */
  RET_64 = 29,
  /** entryPc, argSlot: call a function of this module; its frame starts at argSlot */
  CALL = 30,
  /** funcIndex, argSlot: call an imported function (host or another instance) */
  CALL_IMPORT = 31,
  /** typeIndex, tableIndex, elem(w), argSlot */
  CALL_INDIRECT = 32,
  /** entryPc, argSlot, argCount: tail calls (the arguments move to slot 0 and the frame is reused) */
  RETURN_CALL = 33,
  /** funcIndex, argSlot, argCount */
  RETURN_CALL_IMPORT = 34,
  /** typeIndex, tableIndex, elem(w), argSlot, argCount */
  RETURN_CALL_INDIRECT = 35,

  // ---- values ----
  /** dst(w), a(w), b(w), cond(w) */
  SELECT_32 = 36,
  /** dst(s), a(s), b(s), cond(w) */
  SELECT_64 = 37,
  /** dst(w), src(w) */
  MOV_32 = 38,
  /** dst(s), src(s) */
  MOV_64 = 39,
  /** dst(w), bits */
  CONST_32 = 40,
  /** dst(s), low bits, high bits */
  CONST_64 = 41,
  /** dst(w), globalIndex */
  GLOBAL_GET_32 = 42,
  /** dst(s), globalIndex */
  GLOBAL_GET_64 = 43,
  /** globalIndex, src(w) */
  GLOBAL_SET_32 = 44,
  /** globalIndex, src(s) */
  GLOBAL_SET_64 = 45,
  /** length (in words, EXT included), subop, operands of the subop (EXT_* below) */
  EXT = 46,

  // ---- memory 0 (loads: dst, addr(w), offset; stores: addr(w), value, offset) ----
  /** i32.load, f32.load: dst(w) */
  LOAD_32 = 47,
  /** i64.load, f64.load: dst(s) */
  LOAD_64 = 48,
  LOAD_I32_8S = 49,
  LOAD_I32_8U = 50,
  LOAD_I32_16S = 51,
  LOAD_I32_16U = 52,
  /** dst(w), src(w), dst2(w), src2(w): two MOV_32 in a row, in one dispatch (the second sees the first's result) */
  MOV_32_2 = 53,
  /** dst(w), a(w), b(w), k: a ^ (b >>> k), an I32_SHR_U_IMM whose result only an i32.xor reads, in one dispatch */
  I32_XOR_SHR_U_IMM = 54,
  /** dst(s), a(s), b(s), k(s): a ^ (b >>> k), the same for i64 (k a slot, usually a constant's) */
  I64_XOR_SHR_U = 55,
  /** dst(w), a(w), b(w), dst2(w), a2(w), b2(w): two I32_ADD in a row, in one dispatch (the second sees the first's result) */
  I32_ADD_2 = 56,
  // (i64.load8_s/u and i64.load16_s/u, rare, go through EXT_LOAD, on memory 0 too: their opcodes serve the superinstructions above)
  /** i64 narrow loads: dst(s) */
  LOAD_I64_32S = 57,
  LOAD_I64_32U = 58,
  /** i32.store, f32.store, i64.store32 (the low word): value(w) */
  STORE_32 = 59,
  /** i64.store, f64.store: value(s) */
  STORE_64 = 60,
  /** i32.store8, i64.store8: value(w) */
  STORE_8 = 61,
  /** i32.store16, i64.store16: value(w) */
  STORE_16 = 62,

  // ---- a load or store whose address is an i32.add just before it: ea = ((a + b) mod 2^32) + offset ----
  /** loads: dst, a(w), imm, offset (address a + imm) */
  LOAD_32_RI = 63,
  LOAD_64_RI = 64,
  LOAD_I32_8U_RI = 65,
  LOAD_I32_8S_RI = 66,
  LOAD_I32_16U_RI = 67,
  LOAD_I32_16S_RI = 68,

  // ---- numeric: 0x45 .. 0xc4 are Wasm's own opcodes (see the top of this file) ----
  I32_EQZ = 0x45,
  I32_EQ = 0x46,
  I32_NE = 0x47,
  I32_LT_S = 0x48,
  I32_LT_U = 0x49,
  I32_GT_S = 0x4a,
  I32_GT_U = 0x4b,
  I32_LE_S = 0x4c,
  I32_LE_U = 0x4d,
  I32_GE_S = 0x4e,
  I32_GE_U = 0x4f,
  I64_EQZ = 0x50,
  I64_EQ = 0x51,
  I64_NE = 0x52,
  I64_LT_S = 0x53,
  I64_LT_U = 0x54,
  I64_GT_S = 0x55,
  I64_GT_U = 0x56,
  I64_LE_S = 0x57,
  I64_LE_U = 0x58,
  I64_GE_S = 0x59,
  I64_GE_U = 0x5a,
  F32_EQ = 0x5b,
  F32_NE = 0x5c,
  F32_LT = 0x5d,
  F32_GT = 0x5e,
  F32_LE = 0x5f,
  F32_GE = 0x60,
  F64_EQ = 0x61,
  F64_NE = 0x62,
  F64_LT = 0x63,
  F64_GT = 0x64,
  F64_LE = 0x65,
  F64_GE = 0x66,
  I32_CLZ = 0x67,
  I32_CTZ = 0x68,
  I32_POPCNT = 0x69,
  I32_ADD = 0x6a,
  I32_SUB = 0x6b,
  I32_MUL = 0x6c,
  I32_DIV_S = 0x6d,
  I32_DIV_U = 0x6e,
  I32_REM_S = 0x6f,
  I32_REM_U = 0x70,
  I32_AND = 0x71,
  I32_OR = 0x72,
  I32_XOR = 0x73,
  I32_SHL = 0x74,
  I32_SHR_S = 0x75,
  I32_SHR_U = 0x76,
  I32_ROTL = 0x77,
  I32_ROTR = 0x78,
  I64_CLZ = 0x79,
  I64_CTZ = 0x7a,
  I64_POPCNT = 0x7b,
  I64_ADD = 0x7c,
  I64_SUB = 0x7d,
  I64_MUL = 0x7e,
  I64_DIV_S = 0x7f,
  I64_DIV_U = 0x80,
  I64_REM_S = 0x81,
  I64_REM_U = 0x82,
  I64_AND = 0x83,
  I64_OR = 0x84,
  I64_XOR = 0x85,
  I64_SHL = 0x86,
  I64_SHR_S = 0x87,
  I64_SHR_U = 0x88,
  I64_ROTL = 0x89,
  I64_ROTR = 0x8a,
  F32_ABS = 0x8b,
  F32_NEG = 0x8c,
  F32_CEIL = 0x8d,
  F32_FLOOR = 0x8e,
  F32_TRUNC = 0x8f,
  F32_NEAREST = 0x90,
  F32_SQRT = 0x91,
  F32_ADD = 0x92,
  F32_SUB = 0x93,
  F32_MUL = 0x94,
  F32_DIV = 0x95,
  F32_MIN = 0x96,
  F32_MAX = 0x97,
  F32_COPYSIGN = 0x98,
  F64_ABS = 0x99,
  F64_NEG = 0x9a,
  F64_CEIL = 0x9b,
  F64_FLOOR = 0x9c,
  F64_TRUNC = 0x9d,
  F64_NEAREST = 0x9e,
  F64_SQRT = 0x9f,
  F64_ADD = 0xa0,
  F64_SUB = 0xa1,
  F64_MUL = 0xa2,
  F64_DIV = 0xa3,
  F64_MIN = 0xa4,
  F64_MAX = 0xa5,
  F64_COPYSIGN = 0xa6,
  /** i32.wrap_i64 is never emitted (the low word of the slot is the i32): its number is STORE_32_RR's */
  STORE_32_RR = 0xa7,
  I32_TRUNC_F32_S = 0xa8,
  I32_TRUNC_F32_U = 0xa9,
  I32_TRUNC_F64_S = 0xaa,
  I32_TRUNC_F64_U = 0xab,
  I64_EXTEND_I32_S = 0xac,
  I64_EXTEND_I32_U = 0xad,
  I64_TRUNC_F32_S = 0xae,
  I64_TRUNC_F32_U = 0xaf,
  I64_TRUNC_F64_S = 0xb0,
  I64_TRUNC_F64_U = 0xb1,
  F32_CONVERT_I32_S = 0xb2,
  F32_CONVERT_I32_U = 0xb3,
  F32_CONVERT_I64_S = 0xb4,
  F32_CONVERT_I64_U = 0xb5,
  F32_DEMOTE_F64 = 0xb6,
  F64_CONVERT_I32_S = 0xb7,
  F64_CONVERT_I32_U = 0xb8,
  F64_CONVERT_I64_S = 0xb9,
  F64_CONVERT_I64_U = 0xba,
  F64_PROMOTE_F32 = 0xbb,
  /** the four reinterpretations are never emitted: their numbers serve the fused stores STORE_64_RR .. STORE_16_RR and I32_ADD_IMM_2 */
  STORE_64_RR = 0xbc,
  STORE_8_RR = 0xbd,
  STORE_16_RR = 0xbe,
  /** dst(w), a(w), imm, dst2(w), a2(w), imm2: two I32_ADD_IMM in a row, in one dispatch (the second sees the first's result) */
  I32_ADD_IMM_2 = 0xbf,
  I32_EXTEND8_S = 0xc0,
  I32_EXTEND16_S = 0xc1,
  I64_EXTEND8_S = 0xc2,
  I64_EXTEND16_S = 0xc3,
  I64_EXTEND32_S = 0xc4,
  /** 0xfc 0 .. 7, in that order: dst, a */
  I32_TRUNC_SAT_F32_S = 0xc5,
  I32_TRUNC_SAT_F32_U = 0xc6,
  I32_TRUNC_SAT_F64_S = 0xc7,
  I32_TRUNC_SAT_F64_U = 0xc8,
  I64_TRUNC_SAT_F32_S = 0xc9,
  I64_TRUNC_SAT_F32_U = 0xca,
  I64_TRUNC_SAT_F64_S = 0xcb,
  I64_TRUNC_SAT_F64_U = 0xcc,

  // ---- i32 with a constant right operand: dst(w), a(w), imm (same results as the Wasm instruction) ----
  I32_ADD_IMM = 0xcd,
  I32_MUL_IMM = 0xce,
  I32_AND_IMM = 0xcf,
  I32_OR_IMM = 0xd0,
  I32_XOR_IMM = 0xd1,
  I32_SHL_IMM = 0xd2,
  I32_SHR_S_IMM = 0xd3,
  I32_SHR_U_IMM = 0xd4,
  /** comparisons against a constant, in the order of i32.eq .. i32.ge_u */
  I32_EQ_IMM = 0xd5,
  I32_NE_IMM = 0xd6,
  I32_LT_S_IMM = 0xd7,
  I32_LT_U_IMM = 0xd8,
  I32_GT_S_IMM = 0xd9,
  I32_GT_U_IMM = 0xda,
  I32_LE_S_IMM = 0xdb,
  I32_LE_U_IMM = 0xdc,
  I32_GE_S_IMM = 0xdd,
  I32_GE_U_IMM = 0xde,

  /** loads: dst, a(w), b(w), offset (address a + b) */
  LOAD_32_RR = 0xdf,
  LOAD_64_RR = 0xe0,
  LOAD_I32_8U_RR = 0xe1,
  LOAD_I32_8S_RR = 0xe2,
  LOAD_I32_16U_RR = 0xe3,
  LOAD_I32_16S_RR = 0xe4,
  /** stores: a(w), value, imm, offset (address a + imm; value as in STORE_32 .. STORE_16); the _RR forms: a(w), value, b(w), offset */
  STORE_32_RI = 0xe5,
  STORE_64_RI = 0xe6,
  STORE_8_RI = 0xe7,
  STORE_16_RI = 0xe8,

  // ---- back edges: the branches above when they go to a loop header ----
  /**
   * target, fuel: like BR, to a loop header, charging the loop body's fuel
   * (the fuel of an iteration is charged when it starts again; the first one
   * is part of the enclosing body's count); when the counter goes negative,
   * goes to REFUEL (pc 0) with the target in `resume`
   */
  BR_LOOP = 0xe9,
  /** the conditional branches BR_IF_NEZ .. BR_IF_GE_U_IMM, in the same order, with a fuel operand after the target, charging like BR_LOOP when taken */
  BR_IF_NEZ_LOOP = 0xea,
  BR_IF_EQZ_LOOP = 0xeb,
  BR_IF_EQ_LOOP = 0xec,
  BR_IF_NE_LOOP = 0xed,
  BR_IF_LT_S_LOOP = 0xee,
  BR_IF_LT_U_LOOP = 0xef,
  BR_IF_GT_S_LOOP = 0xf0,
  BR_IF_GT_U_LOOP = 0xf1,
  BR_IF_LE_S_LOOP = 0xf2,
  BR_IF_LE_U_LOOP = 0xf3,
  BR_IF_GE_S_LOOP = 0xf4,
  BR_IF_GE_U_LOOP = 0xf5,
  BR_IF_EQ_IMM_LOOP = 0xf6,
  BR_IF_NE_IMM_LOOP = 0xf7,
  BR_IF_LT_S_IMM_LOOP = 0xf8,
  BR_IF_LT_U_IMM_LOOP = 0xf9,
  BR_IF_GT_S_IMM_LOOP = 0xfa,
  BR_IF_GT_U_IMM_LOOP = 0xfb,
  BR_IF_LE_S_IMM_LOOP = 0xfc,
  BR_IF_LE_U_IMM_LOOP = 0xfd,
  BR_IF_GE_S_IMM_LOOP = 0xfe,
  BR_IF_GE_U_IMM_LOOP = 0xff,

  // ---- EXT sub-opcodes (code word 2 of an EXT; operands from word 3) ----
  /** dst(w), memIndex */
  EXT_MEMORY_SIZE = 0x100,
  /** dst(w), delta(w), memIndex */
  EXT_MEMORY_GROW = 0x101,
  /** dst(w), value(w), count(w), memIndex */
  EXT_MEMORY_FILL = 0x102,
  /** dst(w), src(w), count(w), dstMem, srcMem */
  EXT_MEMORY_COPY = 0x103,
  /** dst(w), src(w), count(w), dataIndex, memIndex */
  EXT_MEMORY_INIT = 0x104,
  /** dataIndex */
  EXT_DATA_DROP = 0x105,
  /** dst(w), index(w), tableIndex */
  EXT_TABLE_GET = 0x106,
  /** index(w), value(w), tableIndex */
  EXT_TABLE_SET = 0x107,
  /** dst(w), tableIndex */
  EXT_TABLE_SIZE = 0x108,
  /** dst(w), init(w), delta(w), tableIndex */
  EXT_TABLE_GROW = 0x109,
  /** index(w), value(w), count(w), tableIndex */
  EXT_TABLE_FILL = 0x10a,
  /** dst(w), src(w), count(w), dstTable, srcTable */
  EXT_TABLE_COPY = 0x10b,
  /** dst(w), src(w), count(w), elemIndex, tableIndex */
  EXT_TABLE_INIT = 0x10c,
  /** elemIndex */
  EXT_ELEM_DROP = 0x10d,
  /** dst(w), funcIndex */
  EXT_REF_FUNC = 0x10e,
  /** any load from a memory other than 0: wasmOpcode, dst(w), addr(w), offset, memIndex (dst is written as 1 or 2 words) */
  EXT_LOAD = 0x10f,
  /** any store to a memory other than 0: wasmOpcode, addr(w), value(w), offset, memIndex */
  EXT_STORE = 0x110,
}

/** The load or store with a fused address (an *_RI or, if not `immediate`, *_RR op) for `op` (LOAD_32 .., STORE_32 ..), or -1. */
export function fusedAccess(op: i32, immediate: boolean): i32 {
  switch (op) {
    case Op.LOAD_32:
      return immediate ? Op.LOAD_32_RI : Op.LOAD_32_RR;
    case Op.LOAD_64:
      return immediate ? Op.LOAD_64_RI : Op.LOAD_64_RR;
    case Op.LOAD_I32_8U:
      return immediate ? Op.LOAD_I32_8U_RI : Op.LOAD_I32_8U_RR;
    case Op.LOAD_I32_8S:
      return immediate ? Op.LOAD_I32_8S_RI : Op.LOAD_I32_8S_RR;
    case Op.LOAD_I32_16U:
      return immediate ? Op.LOAD_I32_16U_RI : Op.LOAD_I32_16U_RR;
    case Op.LOAD_I32_16S:
      return immediate ? Op.LOAD_I32_16S_RI : Op.LOAD_I32_16S_RR;
    case Op.STORE_32:
      return immediate ? Op.STORE_32_RI : Op.STORE_32_RR;
    case Op.STORE_64:
      return immediate ? Op.STORE_64_RI : Op.STORE_64_RR;
    case Op.STORE_8:
      return immediate ? Op.STORE_8_RI : Op.STORE_8_RR;
    case Op.STORE_16:
      return immediate ? Op.STORE_16_RI : Op.STORE_16_RR;
  }
  return -1;
}

/** The back-edge form of a branch op (BR or BR_IF_NEZ .. BR_IF_GE_U_IMM). */
export function loopForm(op: i32): i32 {
  if (op === Op.BR) return Op.BR_LOOP;
  return (Op.BR_IF_NEZ_LOOP + (op - Op.BR_IF_NEZ)) | 0;
}

/** How many code words an instruction takes (the op and its operands). */
export function opLength(code: Int32Array, pc: i32): i32 {
  const op = code[pc];
  switch (op) {
    case Op.BR_TABLE:
      return (code[pc + 2] + 4) | 0;
    case Op.EXT:
      return code[pc + 1];
    case Op.UNREACHABLE:
    case Op.RET:
    case Op.REFUEL:
      return 1;
    case Op.BR:
    case Op.RET_32:
    case Op.RET_64:
      return 2;
    case Op.BR_IF_NEZ:
    case Op.BR_IF_EQZ:
    case Op.BR_LOOP:
    case Op.CALL:
    case Op.CALL_IMPORT:
    case Op.MOV_32:
    case Op.MOV_64:
    case Op.CONST_32:
    case Op.GLOBAL_GET_32:
    case Op.GLOBAL_GET_64:
    case Op.GLOBAL_SET_32:
    case Op.GLOBAL_SET_64:
      return 3;
    case Op.BR_IF_NEZ_LOOP:
    case Op.BR_IF_EQZ_LOOP:
    case Op.RETURN_CALL:
    case Op.RETURN_CALL_IMPORT:
    case Op.CONST_64:
      return 4;
    case Op.CALL_INDIRECT:
    case Op.SELECT_32:
    case Op.SELECT_64:
    case Op.LOAD_32_RI:
    case Op.LOAD_64_RI:
    case Op.LOAD_I32_8U_RI:
    case Op.LOAD_I32_8S_RI:
    case Op.LOAD_I32_16U_RI:
    case Op.LOAD_I32_16S_RI:
    case Op.LOAD_32_RR:
    case Op.LOAD_64_RR:
    case Op.LOAD_I32_8U_RR:
    case Op.LOAD_I32_8S_RR:
    case Op.LOAD_I32_16U_RR:
    case Op.LOAD_I32_16S_RR:
    case Op.STORE_32_RI:
    case Op.STORE_64_RI:
    case Op.STORE_8_RI:
    case Op.STORE_16_RI:
    case Op.STORE_32_RR:
    case Op.STORE_64_RR:
    case Op.STORE_8_RR:
    case Op.STORE_16_RR:
      return 5;
    case Op.RETURN_CALL_INDIRECT:
      return 6;
    case Op.MOV_32_2:
    case Op.I32_XOR_SHR_U_IMM:
    case Op.I64_XOR_SHR_U:
      return 5;
    case Op.I32_ADD_IMM_2:
    case Op.I32_ADD_2:
      return 7;
    case Op.ENTER:
      return 7;
  }
  if (op >= Op.I32_EQZ && op <= Op.I64_TRUNC_SAT_F64_U) return isUnaryNumeric(op) ? 3 : 4;
  // compare-and-branch loop forms: 4 operands
  if (op >= Op.BR_IF_EQ_LOOP) return 5;
  // compare-and-branch, loads, stores and the i32 immediate forms: 3 operands
  return 4;
}

/** Whether a numeric op (0x45 .. 0xcc) takes one operand. */
export function isUnaryNumeric(op: i32): boolean {
  if (op === Op.I32_EQZ || op === Op.I64_EQZ) return true;
  if (op >= Op.I32_CLZ && op <= Op.I32_POPCNT) return true;
  if (op >= Op.I64_CLZ && op <= Op.I64_POPCNT) return true;
  if (op >= Op.F32_ABS && op <= Op.F32_SQRT) return true;
  if (op >= Op.F64_ABS && op <= Op.F64_SQRT) return true;
  return op >= Op.I32_TRUNC_F32_S;
}
