// i64 & u64: convert one side first with BigInt.asIntN/asUintN(64, ...).
import type { i64, u64 } from "../../../core/types";

function both(a: i64, b: u64): i64 {
  return a & b;
}
console.log(both(-1n, 255n));
