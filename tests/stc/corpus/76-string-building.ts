// Building strings step by step: repeated concatenation, padding, a number table, a tiny text formatter.
import type { i32, f64 } from "../../../core/types";

function repeat(s: string, n: i32): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    out = out + s;
  }
  return out;
}
function padLeft(s: string, width: i32, digits: i32): string {
  // no string length in the dialect: the caller passes the length
  return repeat(" ", (width - digits) | 0) + s;
}
function digitCount(n: i32): i32 {
  let d: i32 = n < 0 ? 2 : 1;
  let x: i32 = n < 0 ? (-n) | 0 : n;
  while (x >= 10) {
    x = (x / 10) | 0;
    d++;
  }
  return d;
}
function bar(value: f64, max: f64, width: i32): string {
  const filled: i32 = Math.round((value / max) * width) | 0;
  return "[" + repeat("=", filled) + repeat(" ", (width - filled) | 0) + "]";
}

console.log("repeat", repeat("ab", 5), "|" + repeat("x", 0) + "|");
const values: i32[] = [7, -42, 1000, 123456, -1, 0];
for (const v of values) {
  console.log("|" + padLeft("" + v, 8, digitCount(v)) + "|");
}
const data: f64[] = [3, 7.5, 1, 10, 4.25];
for (let i = 0; i < data.length; i++) {
  console.log("row " + i + " " + bar(data[i], 10, 20) + " " + data[i]);
}
let big = "";
for (let i = 0; i < 2000; i++) {
  big = big + (i % 10);
}
let check: i32 = 0;
for (let i = 0; i < 2000; i++) {
  check = (check + (i % 10)) | 0;
}
console.log("built a 2000-char string; digit sum", check, big === big + "");
let csv = "";
for (let r = 0; r < 3; r++) {
  let line = "";
  for (let c = 0; c < 4; c++) {
    line = line + (c > 0 ? "," : "") + (r * 4 + c) / 2;
  }
  csv = csv + line + "\n";
}
console.log(csv + "end");
