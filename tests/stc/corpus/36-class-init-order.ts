// Field initialisers run in declaration order before the constructor body; module-level state records the order.
import type { i32 } from "../../../core/types";

let step: i32 = 0;
function note(what: string): i32 {
  step++;
  console.log("step", step, what);
  return Math.imul(step, 10);
}

class Thing {
  a: i32 = note("field a");
  b: i32 = note("field b");
  c: i32;
  label: string = "unset";
  constructor(tag: string) {
    note("constructor body " + tag);
    this.c = (this.a + this.b) | 0;
    this.label = tag;
  }
}

class Holder {
  first: Thing = new Thing("inner");
  second: i32 = note("holder field");
  constructor() {
    note("holder constructor");
  }
}

const t = new Thing("outer");
console.log(t.a, t.b, t.c, t.label);
const h = new Holder();
console.log(h.first.a, h.first.b, h.first.c, h.first.label, h.second);
