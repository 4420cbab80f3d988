// A function that returns a value declares its return type.
import type { i32 } from "../../../core/types";

function twice(x: i32) {
  return Math.imul(x, 2);
}
console.log(twice(4));
