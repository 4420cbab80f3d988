// Module initialisation order: b has no imports, so it runs first.
import type { i32 } from "../../../../core/types";

console.log("init order-b");

let counter: i32 = 0;
export const B_NAME = "module b";

export function bump(): i32 {
  counter++;
  return counter;
}
export function bValue(): i32 {
  return (counter * 100) | 0;
}
