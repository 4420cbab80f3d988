// Only `throw new Error(message)` stops the program.
import type { i32 } from "../../../core/types";

function check(x: i32): void {
  if (x < 0) {
    throw "negative";
  }
}
check(1);
console.log("ok");
