import type { u32, i32 } from "../../../../core/types";
function centered(f: u32, e: i32): number {
  return Math.max(f - 0x80000000, e >> 31);
}
function offset(f: u32): i32 {
  return f - 0x80000000;
}
console.log(centered(1, -2147483648), offset(1));
