// 256 does not fit a u8.
import type { u8 } from "../../../core/types";

const b: u8 = 256;
console.log(b);
