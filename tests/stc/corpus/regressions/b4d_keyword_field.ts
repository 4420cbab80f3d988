import type { i32 } from "../../../../core/types";
interface Opts {
  default: i32;
  int: i32;
}
const o: Opts = { default: 1, int: 2 };
console.log(o.default, o.int);
