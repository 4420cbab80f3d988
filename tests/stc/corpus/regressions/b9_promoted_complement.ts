import type { u8, u32, f64 } from "../../../../core/types";
function pick(f: u32, b: u8, d: f64): f64 {
  return f < (b ^ -1) ? f : d;
}
console.log(pick(1, 2, 0.5));
