import type { i32 } from "../../../../core/types";
export function alloc(x: i32): i32 {
  return x;
}
