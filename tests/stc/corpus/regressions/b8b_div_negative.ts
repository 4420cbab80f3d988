import type { i32, u32 } from "../../../../core/types";
function third(k: u32): i32 {
  return (k / -3) | 0;
}
console.log(third(7));
