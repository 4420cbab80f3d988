// instanceof is not in STS: types are static.
import type { i32 } from "../../../core/types";

class Box {
  v: i32 = 0;
}
const b = new Box();
console.log(b instanceof Box);
