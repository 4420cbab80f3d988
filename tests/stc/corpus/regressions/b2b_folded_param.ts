import type { u8 } from "../../../../core/types";
function valid(b: u8): boolean {
  return b <= 255;
}
console.log(valid(3));
