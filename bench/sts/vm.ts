// vm: a bytecode interpreter loop (bench/run.mjs). A small stack machine
// (a switch on opcodes read from a Uint8Array, an Int32Array stack, i32
// arithmetic) runs a hashing loop of ITERATIONS rounds, 18 instructions each.
// The same work as bench/c/vm.c, which must print the same line.
import type { i32 } from "../../core/types";

const ITERATIONS: i32 = 20000000;

const enum Op {
  Halt,
  Push8, //  imm8 (signed)    -> push imm
  Push32, // imm32 (LE)       -> push imm
  Load, //   local index u8   -> push locals[i]
  Store, //  local index u8   pop -> locals[i]
  Add,
  Sub,
  Mul,
  Xor,
  ShrU,
  Dup,
  Jnz, //    target u16 (LE)  pop; jump if not zero
}

/** Writes bytecode into a fixed-size buffer. */
class Assembler {
  code: Uint8Array;
  pos: i32 = 0;

  constructor(capacity: i32) {
    this.code = new Uint8Array(capacity);
  }

  byte(b: i32): void {
    this.code[this.pos] = b;
    this.pos = (this.pos + 1) | 0;
  }

  op(op: Op): void {
    this.byte(op);
  }

  word(v: i32): void {
    this.byte(v & 0xff);
    this.byte((v >>> 8) & 0xff);
    this.byte((v >>> 16) & 0xff);
    this.byte(v >>> 24);
  }
}

class Machine {
  stack: Int32Array = new Int32Array(64);
  locals: Int32Array = new Int32Array(16);
  steps: i32 = 0;

  /** Runs `code` from 0 to Halt; returns the top of the stack. */
  run(code: Uint8Array): i32 {
    const stack = this.stack;
    const locals = this.locals;
    let pc: i32 = 0;
    let sp: i32 = 0;
    let steps: i32 = 0;
    while (true) {
      const op: i32 = code[pc];
      pc = (pc + 1) | 0;
      steps = (steps + 1) | 0;
      switch (op) {
        case Op.Push8:
          stack[sp] = (code[pc] << 24) >> 24;
          sp = (sp + 1) | 0;
          pc = (pc + 1) | 0;
          break;
        case Op.Push32:
          stack[sp] = code[pc] | (code[pc + 1] << 8) | (code[pc + 2] << 16) | (code[pc + 3] << 24);
          sp = (sp + 1) | 0;
          pc = (pc + 4) | 0;
          break;
        case Op.Load:
          stack[sp] = locals[code[pc]];
          sp = (sp + 1) | 0;
          pc = (pc + 1) | 0;
          break;
        case Op.Store:
          sp = (sp - 1) | 0;
          locals[code[pc]] = stack[sp];
          pc = (pc + 1) | 0;
          break;
        case Op.Add:
          sp = (sp - 1) | 0;
          stack[sp - 1] = (stack[sp - 1] + stack[sp]) | 0;
          break;
        case Op.Sub:
          sp = (sp - 1) | 0;
          stack[sp - 1] = (stack[sp - 1] - stack[sp]) | 0;
          break;
        case Op.Mul:
          sp = (sp - 1) | 0;
          stack[sp - 1] = Math.imul(stack[sp - 1], stack[sp]);
          break;
        case Op.Xor:
          sp = (sp - 1) | 0;
          stack[sp - 1] = stack[sp - 1] ^ stack[sp];
          break;
        case Op.ShrU:
          sp = (sp - 1) | 0;
          stack[sp - 1] = (stack[sp - 1] >>> stack[sp]) | 0;
          break;
        case Op.Dup:
          stack[sp] = stack[sp - 1];
          sp = (sp + 1) | 0;
          break;
        case Op.Jnz:
          sp = (sp - 1) | 0;
          if (stack[sp] !== 0) {
            pc = code[pc] | (code[pc + 1] << 8);
          } else {
            pc = (pc + 2) | 0;
          }
          break;
        case Op.Halt:
          this.steps = steps;
          return stack[sp - 1];
        default:
          throw new Error("vm: bad opcode");
      }
    }
  }
}

function main(): void {
  const a = new Assembler(256);
  // i = ITERATIONS; h = seed
  a.op(Op.Push32);
  a.word(ITERATIONS);
  a.op(Op.Store);
  a.byte(0);
  a.op(Op.Push32);
  a.word(0x12345678);
  a.op(Op.Store);
  a.byte(1);
  const loop: i32 = a.pos;
  // h = imul(h ^ i, 16777619); h = (h ^ (h >>> 15)) + i
  a.op(Op.Load);
  a.byte(1);
  a.op(Op.Load);
  a.byte(0);
  a.op(Op.Xor);
  a.op(Op.Push32);
  a.word(16777619);
  a.op(Op.Mul);
  a.op(Op.Dup);
  a.op(Op.Push8);
  a.byte(15);
  a.op(Op.ShrU);
  a.op(Op.Xor);
  a.op(Op.Load);
  a.byte(0);
  a.op(Op.Add);
  a.op(Op.Store);
  a.byte(1);
  // i = i - 1; if (i !== 0) goto loop
  a.op(Op.Load);
  a.byte(0);
  a.op(Op.Push8);
  a.byte(1);
  a.op(Op.Sub);
  a.op(Op.Dup);
  a.op(Op.Store);
  a.byte(0);
  a.op(Op.Jnz);
  a.byte(loop & 0xff);
  a.byte(loop >>> 8);
  // return h
  a.op(Op.Load);
  a.byte(1);
  a.op(Op.Halt);

  const m = new Machine();
  const result: i32 = m.run(a.code);
  console.log(`vm iterations=${ITERATIONS} steps=${m.steps} result=${result}`);
}

main();
