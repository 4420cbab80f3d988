// No optional parameters.
import type { i32 } from "../../../core/types";

function greet(name: string, times?: i32): void {
  console.log(name);
}
greet("a", 1);
