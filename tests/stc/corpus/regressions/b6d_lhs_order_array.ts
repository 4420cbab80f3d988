import type { i32 } from "../../../../core/types";
const xs: i32[] = [0, 0];
let j: i32 = 0;
function adv(): i32 {
  j = 1;
  return 1;
}
xs[j] += adv();
console.log(xs[0], xs[1]);
