// Strings are for messages: no .length.
import type { i32 } from "../../../core/types";

const s = "hello";
const n: i32 = s.length;
console.log(n);
