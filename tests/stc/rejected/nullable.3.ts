// A value that is not `T | null` is never null: the test is an error.
import type { i32 } from "../../../core/types";

class Box {
  v: i32 = 0;
}
function isMissing(b: Box): boolean {
  return b === null;
}
console.log(isMissing(new Box()));
