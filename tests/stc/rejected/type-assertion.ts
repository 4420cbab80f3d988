// `as` changes nothing at run time: test against null instead.
import type { i32 } from "../../../core/types";

interface Point {
  x: i32;
}
function get(p: Point | null): Point {
  return p as Point;
}
const q: Point = { x: 1 };
console.log(get(q).x);
