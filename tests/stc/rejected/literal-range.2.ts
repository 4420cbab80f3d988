// 0.1 is not exactly a float: write Math.fround(0.1).
import type { f32 } from "../../../core/types";

const f: f32 = 0.1;
console.log(f);
