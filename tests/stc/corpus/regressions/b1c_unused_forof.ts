import type { i32 } from "../../../../core/types";
const xs: i32[] = [1, 2, 3];
let n: i32 = 0;
for (const x of xs) {
  n++;
}
console.log(n);
