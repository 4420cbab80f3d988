// Static methods are plain functions: they can be stored in function-typed variables, arrays and fields.
import type { i32 } from "../../../core/types";

type Op = (a: i32, b: i32) => i32;

class Ops {
  static add(a: i32, b: i32): i32 {
    return (a + b) | 0;
  }
  static mul(a: i32, b: i32): i32 {
    return Math.imul(a, b);
  }
  static pick(name: string): Op {
    return name === "add" ? Ops.add : Ops.mul;
  }
}

interface Named {
  name: string;
  op: Op;
}

const table: Named[] = [
  { name: "add", op: Ops.add },
  { name: "mul", op: Ops.mul },
];
for (const t of table) console.log(t.name, t.op(6, 7), t.op(-2147483648, -1));
const f: Op = Ops.pick("mul");
console.log(f(65536, 65536), Ops.pick("add")(2147483647, 1));
