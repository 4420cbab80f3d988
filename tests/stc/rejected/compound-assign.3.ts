// %= on an integer: write b = (b % 7) | 0 ... with the target's wrap.
import type { u8 } from "../../../core/types";

let b: u8 = 200;
b %= 7;
console.log(b);
