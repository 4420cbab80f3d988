// No accessors.
import type { i32 } from "../../../core/types";

class Temperature {
  celsius: i32 = 20;
  get kelvin(): i32 {
    return (this.celsius + 273) | 0;
  }
}
const t = new Temperature();
console.log(t.celsius);
