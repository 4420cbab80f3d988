// BigInt(x) of a double can throw in JS (1.5 is not an integer): pass an integer-typed value.
import type { f64, i64 } from "../../../core/types";

function toBig(x: f64): i64 {
  return BigInt(x);
}
console.log(toBig(3));
