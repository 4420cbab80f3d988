// An object literal lists each field once as `name: value`: no spread.
import type { i32 } from "../../../core/types";

interface Point {
  x: i32;
  y: i32;
}
const p: Point = { x: 1, y: 2 };
const q: Point = { ...p };
console.log(q.x);
