// No index signatures.
import type { i32 } from "../../../core/types";

class Bag {
  [key: string]: i32;
}
const b = new Bag();
console.log(1);
