// switch compares integers, enums or strings: not objects.
import type { i32 } from "../../../core/types";

class Key {
  code: i32 = 0;
}
const a = new Key();
const b = new Key();
switch (a) {
  case b:
    console.log("b");
    break;
  default:
    console.log("other");
}
