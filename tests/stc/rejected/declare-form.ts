// Natives are `declare function`: no declared variables.
import type { i32 } from "../../../core/types";

declare const LIMIT: i32;
console.log(LIMIT);
