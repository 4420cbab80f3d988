import type { i32, u32 } from "../../../../core/types";
function mix(f: u32, h: i32): number {
  return (f % 7) ^ h;
}
console.log(mix(1, -1));
