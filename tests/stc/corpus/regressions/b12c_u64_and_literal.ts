import type { u64 } from "../../../../core/types";
function f(c: u64): u64 {
  return BigInt.asUintN(64, ~(c & 1n) - c);
}
function g(c: u64): u64 {
  return BigInt.asUintN(64, -(c & 1n) * c);
}
console.log(f(5n), g(5n));
