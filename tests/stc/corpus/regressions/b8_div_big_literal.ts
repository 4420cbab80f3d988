import type { i32 } from "../../../../core/types";
function rem(a: i32): i32 {
  return (a % 0xffffffff) | 0;
}
function quo(a: i32): i32 {
  return (a / 0xffffffff) | 0;
}
console.log(rem(-5), quo(5));
