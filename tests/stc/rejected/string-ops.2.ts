// Strings are for messages: no methods.
import type { i32 } from "../../../core/types";

const s = "hello";
console.log(s.toUpperCase());
