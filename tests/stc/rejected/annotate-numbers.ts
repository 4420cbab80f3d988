// A field initialised with a number names its numeric type (i32? f64?).
import type { i32 } from "../../../core/types";

class Counter {
  count = 0;
  step: i32 = 1;
}
const c = new Counter();
console.log(c.step);
