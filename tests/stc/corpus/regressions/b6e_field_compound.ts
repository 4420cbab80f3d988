import type { i32 } from "../../../../core/types";
class Box {
  v: i32 = 0;
}
let cur = new Box();
const first = cur;
function swap(): i32 {
  cur = new Box();
  return 7;
}
cur.v += swap();
console.log(first.v, cur.v);
