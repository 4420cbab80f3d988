// Module initialisation order: a imports b, so b's top level runs before a's.
import type { i32 } from "../../../../core/types";
import { bump, B_NAME } from "./order-b";

console.log("init order-a, sees", B_NAME);
const fromInit: i32 = bump();

export function aValue(): i32 {
  return (fromInit + 10) | 0;
}
