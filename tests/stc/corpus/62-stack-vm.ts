// A tiny stack VM: bytecode in a Uint8Array, an Int32Array stack, an enum of opcodes, a dispatch switch.
import type { i32, u8 } from "../../../core/types";

const enum Op {
  Halt = 0,
  Push = 1,
  Add = 2,
  Sub = 3,
  Mul = 4,
  Div = 5,
  Dup = 6,
  Swap = 7,
  Jz = 8,
  Jmp = 9,
  Print = 10,
  Load = 11,
  Store = 12,
  Lt = 13,
}

class VM {
  code: Uint8Array;
  stack: Int32Array = new Int32Array(64);
  locals: Int32Array = new Int32Array(8);
  sp: i32 = 0;
  pc: i32 = 0;
  steps: i32 = 0;
  constructor(code: Uint8Array) {
    this.code = code;
  }
  push(v: i32): void {
    this.stack[this.sp] = v;
    this.sp++;
  }
  pop(): i32 {
    this.sp--;
    return this.stack[this.sp];
  }
  imm(): i32 {
    // 32-bit little-endian immediate
    const c = this.code;
    const p = this.pc;
    const v = c[p] | (c[p + 1] << 8) | (c[p + 2] << 16) | (c[p + 3] << 24);
    this.pc += 4;
    return v;
  }
  run(): void {
    while (true) {
      const op: u8 = this.code[this.pc];
      this.pc++;
      this.steps++;
      switch (op) {
        case Op.Halt:
          return;
        case Op.Push:
          this.push(this.imm());
          break;
        case Op.Add: {
          const b = this.pop();
          const a = this.pop();
          this.push((a + b) | 0);
          break;
        }
        case Op.Sub: {
          const b = this.pop();
          const a = this.pop();
          this.push((a - b) | 0);
          break;
        }
        case Op.Mul: {
          const b = this.pop();
          const a = this.pop();
          this.push(Math.imul(a, b));
          break;
        }
        case Op.Div: {
          const b = this.pop();
          const a = this.pop();
          this.push((a / b) | 0);
          break;
        }
        case Op.Dup: {
          const a = this.pop();
          this.push(a);
          this.push(a);
          break;
        }
        case Op.Swap: {
          const b = this.pop();
          const a = this.pop();
          this.push(b);
          this.push(a);
          break;
        }
        case Op.Jz: {
          const target = this.imm();
          if (this.pop() === 0) {
            this.pc = target;
          }
          break;
        }
        case Op.Jmp:
          this.pc = this.imm();
          break;
        case Op.Print:
          console.log("vm:", this.pop());
          break;
        case Op.Load:
          this.push(this.locals[this.code[this.pc]]);
          this.pc++;
          break;
        case Op.Store:
          this.locals[this.code[this.pc]] = this.pop();
          this.pc++;
          break;
        case Op.Lt: {
          const b = this.pop();
          const a = this.pop();
          this.push(a < b ? 1 : 0);
          break;
        }
        default:
          console.log("bad opcode", op, "at", (this.pc - 1) | 0);
          return;
      }
    }
  }
}

class Assembler {
  bytes: i32[] = [];
  op(o: Op): void {
    this.bytes.push(o);
  }
  push(v: i32): void {
    this.bytes.push(Op.Push);
    this.word(v);
  }
  word(v: i32): void {
    this.bytes.push(v & 0xff);
    this.bytes.push((v >> 8) & 0xff);
    this.bytes.push((v >> 16) & 0xff);
    this.bytes.push((v >>> 24) & 0xff);
  }
  here(): i32 {
    return this.bytes.length;
  }
  patch(at: i32, v: i32): void {
    this.bytes[at] = v & 0xff;
    this.bytes[(at + 1) | 0] = (v >> 8) & 0xff;
    this.bytes[(at + 2) | 0] = (v >> 16) & 0xff;
    this.bytes[(at + 3) | 0] = (v >>> 24) & 0xff;
  }
  local(o: Op, slot: i32): void {
    this.bytes.push(o);
    this.bytes.push(slot);
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.bytes.length);
    for (let i = 0; i < this.bytes.length; i++) {
      out[i] = this.bytes[i];
    }
    return out;
  }
}

// (2 + 3) * 7 - 100 / 3
const a1 = new Assembler();
a1.push(2);
a1.push(3);
a1.op(Op.Add);
a1.push(7);
a1.op(Op.Mul);
a1.push(100);
a1.push(3);
a1.op(Op.Div);
a1.op(Op.Sub);
a1.op(Op.Print);
a1.push(-2147483648);
a1.push(-1);
a1.op(Op.Div);
a1.op(Op.Print);
a1.op(Op.Halt);
const vm1 = new VM(a1.finish());
vm1.run();
console.log("steps", vm1.steps, "sp", vm1.sp);

// factorial loop: n = 12; acc = 1; while (0 < n) { acc *= n; n -= 1 } print acc
const a2 = new Assembler();
a2.push(12);
a2.local(Op.Store, 0);
a2.push(1);
a2.local(Op.Store, 1);
const loop = a2.here();
a2.push(0);
a2.local(Op.Load, 0);
a2.op(Op.Lt);
a2.op(Op.Jz);
const exitPatch = a2.here();
a2.word(0);
a2.local(Op.Load, 1);
a2.local(Op.Load, 0);
a2.op(Op.Mul);
a2.local(Op.Store, 1);
a2.local(Op.Load, 0);
a2.push(1);
a2.op(Op.Sub);
a2.local(Op.Store, 0);
a2.op(Op.Jmp);
a2.word(loop);
a2.patch(exitPatch, a2.here());
a2.local(Op.Load, 1);
a2.op(Op.Print);
a2.bytes.push(99);
const vm2 = new VM(a2.finish());
vm2.run();
console.log("steps", vm2.steps, "code bytes", vm2.code.length);
