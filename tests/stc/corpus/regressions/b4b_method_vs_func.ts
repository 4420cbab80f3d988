import type { i32 } from "../../../../core/types";
class Point {
  x: i32 = 1;
  len(): i32 {
    return this.x;
  }
}
function Point_len(p: Point): i32 {
  return p.x;
}
console.log(new Point().len(), Point_len(new Point()));
