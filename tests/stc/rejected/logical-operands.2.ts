// ?? is not in STS: test against null explicitly.
import type { i32 } from "../../../core/types";

function name(s: string | null): string {
  return s ?? "none";
}
const n: i32 = 0;
console.log(name(null), n);
