// No generic classes.
import type { i32 } from "../../../core/types";

class Box<T> {
  value: T;
  constructor(value: T) {
    this.value = value;
  }
}
const n: i32 = 1;
console.log(n);
