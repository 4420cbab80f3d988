// Enums are numeric: no string members.
import type { i32 } from "../../../core/types";

enum Color {
  Red = "red",
  Green = "green",
}
const n: i32 = 1;
console.log(n);
