// switch on integers and enums: fallthrough, default in the middle, shared bodies, break inside loops.
import type { i32 } from "../../../core/types";

function describe(n: i32): string {
  let s = "";
  switch (n) {
    case 0:
      s = s + "zero ";
    case 1:
      s = s + "small ";
      break;
    default:
      s = s + "other ";
    case 10:
      s = s + "ten-ish ";
      break;
    case 20:
    case 21:
      s = s + "twenties ";
      break;
    case -1:
      return "minus one";
  }
  return s + "(" + n + ")";
}
for (let i = -1; i <= 22; i++) {
  if (i === 2 || i === 5 || i === 15) {
    continue;
  }
  console.log(i, describe(i));
}
enum Op {
  Push,
  Pop,
  Dup,
  Halt,
}
function weight(op: Op): i32 {
  switch (op) {
    case Op.Push:
      return 1;
    case Op.Pop:
    case Op.Dup:
      return 2;
    default:
      return 0;
  }
}
console.log("weights", weight(Op.Push), weight(Op.Pop), weight(Op.Dup), weight(Op.Halt));
let count: i32 = 0;
for (let i = 0; i < 10; i++) {
  switch (i & 3) {
    case 0:
      count += 100;
      break;
    case 3:
      continue;
    default:
      count++;
  }
  count += 1000;
}
console.log("loop with switch", count);
function noDefault(x: i32): i32 {
  let r: i32 = -1;
  switch (x) {
    case 7:
      r = 70;
  }
  return r;
}
console.log("no default", noDefault(7), noDefault(8));
const big: i32 = 2147483647;
switch (big) {
  case -2147483648:
    console.log("min");
    break;
  case 2147483647:
    console.log("max");
    break;
}
