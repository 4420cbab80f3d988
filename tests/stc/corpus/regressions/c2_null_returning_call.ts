// A call typed `null` used as a value still runs (it was dropped when returned: found building the spec driver).
// (Node prints "called 1"; the C build printed "called 0".)
import type { i32 } from "../../../../core/types";

class Box {
  called: i32 = 0;
}

function mark(b: Box): null {
  b.called = 1;
  return null;
}

function run(b: Box): Box | null {
  return mark(b);
}

const b = new Box();
run(b);
const c = new Box();
const r: Box | null = mark(c);
console.log("also as initializer", c.called, r === null);
console.log("called", b.called);
