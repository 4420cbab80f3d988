// && and || on booleans with short-circuit evaluation; ! and comparisons as boolean values.
import type { i32 } from "../../../core/types";

let calls: i32 = 0;
function yes(tag: string): boolean {
  calls++;
  console.log("yes", tag);
  return true;
}
function no(tag: string): boolean {
  calls++;
  console.log("no", tag);
  return false;
}
console.log("and", yes("a1") && no("a2"));
console.log("and short", no("b1") && yes("b2"));
console.log("or short", yes("c1") || no("c2"));
console.log("or", no("d1") || yes("d2"));
console.log("mixed", (no("e1") || yes("e2")) && !no("e3"));
console.log("calls", calls);
const x: i32 = 5;
const inRange = x > 0 && x < 10;
const outside = x < 0 || x > 100;
console.log(inRange, outside, !inRange, inRange === !outside);
let flags: boolean[] = [true, false, true];
let all = true;
let any = false;
for (const f of flags) {
  all = all && f;
  any = any || f;
}
console.log("all", all, "any", any);
flags = [false, false];
let count: i32 = 0;
for (const f of flags) {
  if (!f) {
    count++;
  }
}
console.log("false count", count);
const s = "abc";
console.log(s === "abc" && x === 5, s !== "abc" || x !== 5);
const t: boolean = x > 3 ? s === "abc" : false;
console.log("ternary bool", t, t === true, t !== false);
