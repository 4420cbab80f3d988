// Module initialisation order: c also imports b, which has already run and does not run again.
import type { i32 } from "../../../../core/types";
import { bump } from "./order-b.ts";

console.log("init order-c");
export const C_START: i32 = bump();
