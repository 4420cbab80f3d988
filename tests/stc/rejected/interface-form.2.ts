// Interfaces list fields only: no methods.
import type { i32 } from "../../../core/types";

interface Shape {
  sides: i32;
  area(): i32;
}
const n: i32 = 1;
console.log(n);
