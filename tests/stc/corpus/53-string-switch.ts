// switch on strings, with fallthrough and default; string equality.
import type { i32 } from "../../../core/types";

function classify(word: string): string {
  switch (word) {
    case "apple":
    case "pear":
      return "fruit";
    case "carrot":
      return "vegetable";
    case "":
      return "empty";
    default:
      return "unknown";
    case "salt":
      return "mineral";
  }
}
const words: string[] = ["apple", "pear", "carrot", "", "salt", "Apple", "pear ", "stone"];
for (const w of words) {
  console.log("word", "[" + w + "]", classify(w));
}
function command(cmd: string, arg: i32): i32 {
  let r: i32 = arg;
  switch (cmd) {
    case "double":
      r = (r * 2) | 0;
    case "inc":
      r++;
      break;
    case "neg":
      r = (-r) | 0;
      break;
    default:
      r = 0;
  }
  return r;
}
console.log(command("double", 5), command("inc", 5), command("neg", 5), command("nop", 5));
const a = "ab";
const b = "a" + "b";
console.log(a === b, a !== "ab", "x" + a === "xab");
