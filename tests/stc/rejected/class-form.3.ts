// No #private fields.
import type { i32 } from "../../../core/types";

class Secret {
  #code: i32 = 42;
  reveal(): i32 {
    return this.#code;
  }
}
console.log(new Secret().reveal());
