// Modules: imports with and without extension; module top-level code runs once, dependencies first.
import type { i32 } from "../../../core/types";
import { aValue } from "./lib/order-a";
import { C_START } from "./lib/order-c";
import { bump, bValue, B_NAME } from "./lib/order-b.js";

console.log("main starts");
console.log("a", aValue(), "c", C_START, "b", bValue(), B_NAME);
let last: i32 = 0;
for (let i = 0; i < 3; i++) {
  last = bump();
}
console.log("after bumps", last, bValue(), aValue());
