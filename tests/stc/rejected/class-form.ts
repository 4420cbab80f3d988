// No inheritance.
import type { i32 } from "../../../core/types";

class Animal {
  legs: i32 = 4;
}
class Bird extends Animal {
  wings: i32 = 2;
}
const b = new Bird();
console.log(b.wings);
