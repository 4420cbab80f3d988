// null is a value only of classes, interfaces, arrays, typed arrays and strings.
import type { i32 } from "../../../core/types";

let n: i32 | null = null;
n = 5;
console.log("set");
