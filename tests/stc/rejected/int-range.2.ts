// x & 0x1ff is [0, 511]: it does not fit a u8.
import type { i32, u8 } from "../../../core/types";

function low(x: i32): u8 {
  return x & 0x1ff;
}
console.log(low(300));
