// A native keeps its own name in C, so a top-level function whose generated
// name (<module>_<name>) is that name must get another: core/hal.ts has the
// native hal_reset and the wrapper `reset`, which was also named hal_reset.
// The native is in 87-regressions.native.{c,mjs}.
import type { i32 } from "../../../../core/types";

declare function c3_native_name_twice(x: i32): i32;

function twice(x: i32): i32 {
  return (c3_native_name_twice(x) + 1) | 0;
}

console.log("native name", twice(20));
