// && takes booleans: write a !== 0 && b !== 0.
import type { i32 } from "../../../core/types";

function both(a: i32, b: i32): boolean {
  if (a && b) {
    return true;
  }
  return false;
}
console.log(both(1, 2));
