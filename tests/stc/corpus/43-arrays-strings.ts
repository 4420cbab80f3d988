// Arrays of strings: building, joining by hand, searching with ===, nullable string elements.
import type { i32 } from "../../../core/types";

const words: string[] = ["static", "typescript", "to", "c"];
words.push("compiler");
function join(parts: string[], sep: string): string {
  let s = "";
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) {
      s = s + sep;
    }
    s = s + parts[i];
  }
  return s;
}
function indexOf(parts: string[], w: string): i32 {
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === w) {
      return i;
    }
  }
  return -1;
}
console.log("joined", join(words, " "), "|", join(words, ""), "|", join([], ","), "|");
console.log("index", indexOf(words, "to"), indexOf(words, "java"), indexOf(words, "c"));
words[2] = "into";
console.log("dashed", join(words, "-"), words.length);
const last = words.pop()!;
console.log("popped", last, words.length);
const maybe: (string | null)[] = ["a", null, "c", null];
let s = "";
let nulls: i32 = 0;
for (const m of maybe) {
  if (m === null) {
    nulls++;
    s = s + "_";
  } else {
    s = s + m;
  }
}
console.log("maybe", s, nulls);
const table: string[] = [];
for (let i = 0; i < 5; i++) {
  table.push("row" + i + "=" + i * i);
}
console.log(join(table, "; "));
const empty = "";
const items: string[] = [empty, "x", empty];
let nonEmpty: i32 = 0;
for (const it of items) {
  if (it) {
    nonEmpty++;
  }
}
console.log("non-empty", nonEmpty, items[0] === "", items[1] !== "");
