// Strings are for messages: no indexing.
import type { i32 } from "../../../core/types";

const s = "hello";
console.log(s[0]);
