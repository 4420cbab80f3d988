import type { i32 } from "../../../../core/types";
interface R {
  lo: i32;
  hi: i32;
}
function make(lo: i32, hi: i32): R {
  return { lo, hi };
}
console.log(make(1, 2).hi);
