// Constant expressions: validation (decode.ts: global inits, element and data
// segment offsets, element expressions) and evaluation (instantiate.ts).
// Wasm 2.0 allows t.const, ref.null, ref.func and global.get of an imported
// immutable global; the extended-const proposal adds i32/i64 add, sub, mul.
import type { i32, i64 } from "../types";
import { ValType } from "./types";
import { LoadError, Module } from "./module";
import { Reader, joinWords } from "./reader";
import { Instance } from "./runtime";

const HEX_DIGITS: string[] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"];

/** A byte as two hex digits with 0x, for messages. */
export function hexByte(b: i32): string {
  return "0x" + HEX_DIGITS[(b >> 4) & 15] + HEX_DIGITS[b & 15];
}

export function valTypeName(t: i32): string {
  switch (t) {
    case ValType.I32:
      return "i32";
    case ValType.I64:
      return "i64";
    case ValType.F32:
      return "f32";
    case ValType.F64:
      return "f64";
    case ValType.V128:
      return "v128";
    case ValType.FuncRef:
      return "funcref";
    case ValType.ExternRef:
      return "externref";
  }
  return "type " + hexByte(t);
}

/**
 * Whether `op` is an opcode of Wasm 2.0 (with tail calls) at all: the
 * others are "illegal opcode" (malformed), while a real instruction that is not
 * constant is "constant expression required" (invalid).
 */
function isOpcode(op: i32): boolean {
  if (op <= 0x05) return true; // unreachable .. else
  if (op >= 0x0b && op <= 0x13) return true; // end .. return_call_indirect
  if (op >= 0x1a && op <= 0x1c) return true; // drop, select, select t
  if (op >= 0x20 && op <= 0x26) return true; // local/global/table get/set
  if (op >= 0x28 && op <= 0xc4) return true; // memory and numeric instructions
  if (op >= 0xd0 && op <= 0xd2) return true; // ref.null, ref.is_null, ref.func
  return op === 0xfc || op === 0xfd;
}

/**
 * Validates the constant expression at r.pos, through its `end`, as giving one
 * value of type `expected`. Marks the functions it names with ref.func in
 * m.declaredRefs (which must already have one entry per function).
 * Errors go to r (validation errors to r.deferred when set: reading goes on
 * to the expression's end, except after a non-constant instruction, whose
 * immediates are not known here).
 */
export function validateConstExpr(r: Reader, m: Module, expected: i32): void {
  const numFuncs = m.funcTypeIndex.length;
  const stack: i32[] = [];
  while (r.ok()) {
    const at = r.pos;
    const op = r.u8();
    if (!r.ok()) return;
    switch (op) {
      case 0x0b: {
        if (stack.length !== 1 || stack[0] !== expected) {
          let got = "";
          for (let i = 0; i < stack.length; i++) got = got + (i > 0 ? " " : "") + valTypeName(stack[i]);
          r.invalid(at, "type mismatch: constant expression gives [" + got + "], expected [" + valTypeName(expected) + "]");
        }
        return;
      }
      case 0x41:
        r.s32();
        stack.push(ValType.I32);
        break;
      case 0x42:
        r.s64();
        stack.push(ValType.I64);
        break;
      case 0x43:
        r.skip(4);
        stack.push(ValType.F32);
        break;
      case 0x44:
        r.skip(8);
        stack.push(ValType.F64);
        break;
      case 0xd0: {
        const t = r.u8();
        if (!r.ok()) return;
        if (t !== ValType.FuncRef && t !== ValType.ExternRef) {
          r.fail((at + 1) | 0, "malformed reference type " + hexByte(t));
          return;
        }
        stack.push(t);
        break;
      }
      case 0xd2: {
        const f = r.u32();
        if (!r.ok()) return;
        if (f >= numFuncs) r.invalid(at, "unknown function " + f + " in ref.func (" + numFuncs + " functions)");
        else m.declaredRefs[f] = 1;
        stack.push(ValType.FuncRef);
        break;
      }
      case 0x23: {
        const g = r.u32();
        if (!r.ok()) return;
        if (g >= m.numGlobalImports) {
          // Wasm 2.0: only imported globals are visible in constant expressions
          r.invalid(at, "unknown global " + g + " (constant expressions see only the " + m.numGlobalImports + " imported globals)");
          stack.push(expected);
          break;
        }
        const gt = m.globals[g].type;
        if (gt.mutable) r.invalid(at, "constant expression required: global.get of mutable global " + g);
        stack.push(gt.type);
        break;
      }
      case 0x6a:
      case 0x6b:
      case 0x6c:
        binaryOperands(r, stack, ValType.I32, at);
        break;
      case 0x7c:
      case 0x7d:
      case 0x7e:
        binaryOperands(r, stack, ValType.I64, at);
        break;
      default:
        if (!isOpcode(op)) r.fail(at, "illegal opcode " + hexByte(op));
        else r.invalidStop(at, "constant expression required: opcode " + hexByte(op) + " is not constant");
        return;
    }
  }
}

/** An extended-const binary operator: two `t` operands in, one `t` out. */
function binaryOperands(r: Reader, stack: i32[], t: i32, at: i32): void {
  const n = stack.length;
  if (n < 2 || stack[n - 1] !== t || stack[n - 2] !== t) r.invalid(at, "type mismatch: " + valTypeName(t) + " operator needs two " + valTypeName(t) + " operands");
  if (n > 0) stack.pop();
  if (n > 1) stack.pop();
  stack.push(t);
}

/**
 * Evaluates the (validated) constant expression at [start, end) of m.bytes in
 * `inst` (its globals and function addresses must be set). Returns the value's
 * raw slot bits: an i32 or f32 or reference in the low 32 bits (high bits
 * zero), an i64 or f64 in all 64.
 */
export function evalConstExpr(m: Module, start: i32, end: i32, inst: Instance): i64 {
  const r = new Reader(m.bytes, start, end, new LoadError());
  // every instruction that pushes takes at least two bytes
  const stack = new BigInt64Array(((end - start) >> 1) + 1);
  let sp = 0;
  while (r.ok() && !r.atEnd()) {
    const op = r.u8();
    switch (op) {
      case 0x0b:
        return sp > 0 ? stack[sp - 1] : 0n;
      case 0x41:
        stack[sp++] = BigInt(r.s32() >>> 0);
        break;
      case 0x42:
        stack[sp++] = r.s64();
        break;
      case 0x43:
        stack[sp++] = BigInt(r.word32() >>> 0);
        break;
      case 0x44:
        stack[sp++] = r.word64();
        break;
      case 0xd0:
        r.u8();
        stack[sp++] = 0n;
        break;
      case 0xd2:
        stack[sp++] = BigInt((inst.funcs[r.index()] + 1) >>> 0);
        break;
      case 0x23: {
        const g = inst.globals[r.index()];
        stack[sp++] = joinWords(g.i32[0], g.i32[1]);
        break;
      }
      default: {
        const b = stack[--sp];
        const a = stack[sp - 1];
        stack[sp - 1] = binary(op, a, b);
        break;
      }
    }
  }
  return 0n;
}

function binary(op: i32, a: i64, b: i64): i64 {
  switch (op) {
    case 0x6a:
      return BigInt.asIntN(64, (a + b) & 0xffffffffn);
    case 0x6b:
      return BigInt.asIntN(64, (a - b) & 0xffffffffn);
    case 0x6c:
      return BigInt.asIntN(64, (a * b) & 0xffffffffn);
    case 0x7c:
      return BigInt.asIntN(64, a + b);
    case 0x7d:
      return BigInt.asIntN(64, a - b);
    case 0x7e:
      return BigInt.asIntN(64, a * b);
  }
  return 0n;
}
