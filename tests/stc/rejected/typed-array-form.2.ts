// Construct with a length, an array literal or (buffer, byteOffset, length): not from another array.
import type { i32 } from "../../../core/types";

const src: i32[] = [1, 2, 3];
const bytes = new Uint8Array(src);
console.log(bytes.length);
