// `any` is not an STS type.
import type { i32 } from "../../../core/types";

function show(x: any): void {
  console.log(x);
}
const n: i32 = 3;
show(n);
