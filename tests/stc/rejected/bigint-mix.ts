// i64 / u64: the quotient depends on which reading of the bits is meant; convert one side first with BigInt.asIntN/asUintN(64, ...).
import type { i64, u64 } from "../../../core/types";

function ratio(a: i64, b: u64): i64 {
  return a / b;
}
console.log(ratio(-1n, 255n));
