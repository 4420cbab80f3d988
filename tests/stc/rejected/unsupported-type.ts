// A union of a number and a string has no single C representation.
import type { i32 } from "../../../core/types";

let value: i32 | string = 1;
value = "one";
console.log("assigned");
