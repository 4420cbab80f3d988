import type { i32 } from "../../../../core/types";
const out = new Int32Array(4);
let pos: i32 = 0;
function next(): i32 {
  pos++;
  return 5;
}
out[pos] += next();
console.log(out[0], out[1]);
