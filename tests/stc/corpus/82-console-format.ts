// console.log with a string first argument and more arguments: Node applies util.format (%s %d %i %f %j %o %O %c %%).
import type { i32, u32, f64, i64 } from "../../../core/types";

const zero: f64 = 0;
const nz: f64 = -0;
const nan: f64 = zero / zero;
const inf: f64 = 1 / zero;
const n: i32 = 42;
const u: u32 = 4000000000;
const big: i64 = -5n;
const s = "str";

console.log("%s|%s|%s|%s|%s|%s", s, n, nz, big, true, 0.1 + 0.2);
console.log("%d|%d|%d|%d|%d|%d|%d", n, nz, 1.5, big, "12", true, "abc");
console.log("%d|%d|%d|%d|%d", " 7 ", "0x1f", "", "1e3", "-0");
console.log("%i|%i|%i|%i|%i|%i", 42.9, -0.5, big, "-7.9x", 1e21, u);
console.log("%f|%f|%f|%f|%f|%f", 1.5, "2.25abc", big, nz, ".5", "x");
console.log("%j|%j|%j|%j|%j", n, nan, nz, "quote\" tab\t", false);
console.log("%o|%O|%o|%O", n, "three", big, inf);
console.log("%c|after %c", "color: red", "ignored");
console.log("100%% sure", n);
console.log("%s and %s", "only-one");
console.log("%x %s %", n, u);
console.log("%s", true, false, nan, "tail");
console.log("%d", 1e21, inf, -inf);
console.log("no directives", s, n);
console.log("%%s is literal", 1);
const fmt = "%s=%d";
console.log(fmt, "answer", n);
let pattern = "";
for (let i = 0; i < 3; i++) {
  pattern = pattern + "[%i]";
}
console.log(pattern, 1.9, -2.9, 3);
