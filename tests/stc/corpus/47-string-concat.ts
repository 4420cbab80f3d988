// String + with every primitive: numbers print as String(x) (-0 -> "0", 1e21, 0.1+0.2), bigints without n, booleans.
import type { i8, u8, i16, u16, i32, u32, f32, f64, i64, u64 } from "../../../core/types";

const a: i8 = -128;
const b: u8 = 255;
const c: i16 = -32768;
const d: u16 = 65535;
const e: i32 = -2147483648;
const f: u32 = 4294967295;
const g: f32 = Math.fround(0.1);
const h: f64 = 0.1 + 0.2;
const i: i64 = -9223372036854775808n;
const j: u64 = 18446744073709551615n;
const t = true;
const no = false;
const nz: f64 = -0;
const zero: f64 = 0;
console.log("i8=" + a + " u8=" + b + " i16=" + c + " u16=" + d);
console.log("i32=" + e + " u32=" + f + " f32=" + g + " f64=" + h);
console.log("i64=" + i + " u64=" + j + " bool=" + t + "/" + no);
console.log("-0 -> " + nz + ", 1e21 -> " + 1e21 + ", 1e-7 -> " + 1e-7 + ", NaN -> " + zero / zero + ", inf -> " + 1 / zero);
console.log(1 + 2 + "3" + 4 + 5);
console.log("3" + (4 + 5), e + f + "!", "" + (e + f));
console.log("doubles", h + "" + h, g + g + "", "" + g + g);
let s = "";
for (let k = 0; k < 5; k++) {
  s = s + k + (k < 4 ? "," : "");
}
console.log(s);
const parts: string[] = ["x", "y"];
console.log(parts[0] + parts[1] + parts.length);
console.log("empty" + "" + "", "" === "", "a" + "b" === "ab", "ab" !== "a" + "c");
console.log("unicode: é € 日本 🎉 " + 42);
console.log("escapes: tab\tquote\" backslash\\ newline->\n<-");
