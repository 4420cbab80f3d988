// Interface fields are required: no optional members.
import type { i32 } from "../../../core/types";

interface Options {
  size: i32;
  label?: string;
}
const o: Options = { size: 1 };
console.log(o.size);
