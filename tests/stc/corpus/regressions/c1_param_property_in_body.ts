// A constructor body reads its parameter properties by their bare names (found building core/engine/runtime.ts).
import type { i32, u32 } from "../../../../core/types";

class Buffered {
  readonly data: Int32Array;
  constructor(
    readonly size: u32,
    readonly shift: i32,
  ) {
    this.data = new Int32Array(size);
    this.data[0] = (size << shift) | 0;
  }
}

const b = new Buffered(4, 3);
console.log("param property", b.size, b.shift, b.data.length, b.data[0]);
