// for-in enumerates property names at run time: not in STS.
import type { i32 } from "../../../core/types";

interface Point {
  x: i32;
  y: i32;
}
const p: Point = { x: 1, y: 2 };
for (const key in p) {
  console.log(key);
}
