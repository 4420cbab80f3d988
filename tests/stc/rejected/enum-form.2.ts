// No reverse mapping from value to name.
import type { i32 } from "../../../core/types";

enum Color {
  Red,
  Green,
}
console.log(Color[0]);
