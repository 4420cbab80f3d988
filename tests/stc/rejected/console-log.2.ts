// console.log does not print arrays: print the elements.
import type { i32 } from "../../../core/types";

const xs: i32[] = [1, 2, 3];
// @ts-expect-error -- the TypeScript signature of console.log (tools/stc/lib/globals.d.ts) already refuses it
console.log(xs);
