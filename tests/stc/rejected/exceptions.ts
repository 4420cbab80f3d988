// No try/catch.
import type { i32 } from "../../../core/types";

function risky(x: i32): i32 {
  if (x < 0) {
    throw new Error("negative");
  }
  return x;
}
try {
  console.log(risky(1));
} catch (e) {
  console.log("caught");
}
