// Natives are `declare function` with typed parameters and return type.
import type { i32 } from "../../../core/types";

declare class Device {
  id: i32;
}
const n: i32 = 1;
console.log(n);
