// console.log prints numbers, bigints, strings and booleans, not objects.
import type { i32 } from "../../../core/types";

class Point {
  x: i32 = 1;
}
// @ts-expect-error -- the TypeScript signature of console.log (tools/stc/lib/globals.d.ts) already refuses it
console.log(new Point());
