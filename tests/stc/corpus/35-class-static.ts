// Static fields and static methods; instance ids from a static counter; a static factory.
import type { i32, u32 } from "../../../core/types";

class Widget {
  static count: i32 = 0;
  static LIMIT: i32 = 3;
  static names: string[] = [];
  id: i32;
  name: string;
  constructor(name: string) {
    Widget.count++;
    this.id = Widget.count;
    this.name = name;
    Widget.names.push(name);
  }
  static create(name: string): Widget | null {
    if (Widget.count >= Widget.LIMIT) {
      return null;
    }
    return new Widget(name);
  }
  static reset(): void {
    Widget.count = 0;
  }
  label(): string {
    return this.name + "#" + this.id;
  }
}

class Rng {
  static state: u32 = 1;
  static next(): u32 {
    let x: u32 = Rng.state;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    Rng.state = x;
    return x;
  }
}

const names: string[] = ["alpha", "beta", "gamma", "delta"];
for (const n of names) {
  const w = Widget.create(n);
  if (w !== null) {
    console.log("created", w.label());
  } else {
    console.log("limit reached for", n);
  }
}
console.log("count", Widget.count, "names", Widget.names.length, Widget.names[2]);
Widget.reset();
const again = Widget.create("epsilon");
console.log("after reset", again !== null ? again.label() : "none", Widget.count);
for (let i = 0; i < 5; i++) {
  console.log("xorshift32", Rng.next());
}
console.log("state", Rng.state);
