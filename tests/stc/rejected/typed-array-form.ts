// Typed arrays support length, indexing, subarray, fill, set, copyWithin and slice: no indexOf.
import type { i32 } from "../../../core/types";

const bytes = new Uint8Array(4);
const at: i32 = bytes.indexOf(0);
console.log(at);
