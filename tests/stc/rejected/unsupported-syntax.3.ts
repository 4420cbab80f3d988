// Generators are not in STS.
import type { i32 } from "../../../core/types";

function* counter(): Generator<i32> {
  yield 1;
  yield 2;
}
console.log("declared", 1);
