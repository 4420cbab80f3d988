// Two different classes are never the same object: comparing them is an error.
import type { i32 } from "../../../core/types";

class Meters {
  v: i32 = 0;
}
class Feet {
  v: i32 = 0;
}
const m = new Meters();
const f = new Feet();
console.log(m === f);
