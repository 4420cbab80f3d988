// A class instance is never an interface value, even with the same fields.
import type { i32 } from "../../../core/types";

interface HasX {
  x: i32;
}
class C {
  x: i32 = 1;
}
function getX(h: HasX): i32 {
  return h.x;
}
console.log(getX(new C()));
