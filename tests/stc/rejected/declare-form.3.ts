// A native cannot be exported: JavaScript drops the declaration, so importing it would not link under Node.
import type { i32 } from "../../../core/types";

export declare function native_tick(): i32;
console.log(native_tick());
