// switch compares integers, enums or strings: not doubles.
import type { f64 } from "../../../core/types";

const x: f64 = 0.5;
switch (x) {
  case 0.5:
    console.log("half");
    break;
  default:
    console.log("other");
}
