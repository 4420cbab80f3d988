// No copy constructor: use slice().
import type { i32 } from "../../../core/types";

const a = new Uint8Array(4);
const b = new Uint8Array(a);
console.log(b.length);
