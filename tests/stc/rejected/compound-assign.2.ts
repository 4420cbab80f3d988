// /= on an f32: write f = Math.fround(f / 2).
import type { f32 } from "../../../core/types";

let f: f32 = 1.5;
f /= 2;
console.log(f);
