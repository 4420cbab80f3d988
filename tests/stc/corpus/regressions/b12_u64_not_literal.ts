import type { u64 } from "../../../../core/types";
function alignDown(x: u64): u64 {
  return BigInt.asUintN(64, x & ~0xfffn);
}
console.log(alignDown(0x12345n));
