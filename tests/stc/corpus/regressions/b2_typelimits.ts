import type { u32 } from "../../../../core/types";
function tick(): u32 {
  return 7;
}
console.log(tick() >= 0);
