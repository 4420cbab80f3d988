// An object literal needs a declared interface type.
import type { i32 } from "../../../core/types";

const p = { x: "a", y: "b" };
const n: i32 = 1;
console.log(n);
