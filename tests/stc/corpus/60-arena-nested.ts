// Nested arenas: an inner arena for scratch work inside an outer one; results are copied into the outer arena.
import type { i32 } from "../../../core/types";
import { Arena, arenaCreate, arenaUse, arenaFree } from "../../../core/arena";

class Summary {
  name: string;
  count: i32;
  max: i32;
  constructor(name: string, count: i32, max: i32) {
    this.name = name;
    this.count = count;
    this.max = max;
  }
}

function scratchMax(seed: i32, n: i32): i32 {
  const inner = arenaCreate(256);
  const before: Arena | null = arenaUse(inner);
  const data: i32[] = [];
  let x: i32 = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) | 0;
    data.push(x >>> 16);
  }
  let best: i32 = -1;
  for (const v of data) {
    if (v > best) {
      best = v;
    }
  }
  arenaUse(before);
  arenaFree(inner);
  return best;
}

const outer = arenaCreate(1024);
const top = arenaUse(outer);
const results: Summary[] = [];
for (let i = 0; i < 6; i++) {
  const m = scratchMax((i + 1) | 0, (100 * (i + 1)) | 0);
  results.push(new Summary("run" + i, (100 * (i + 1)) | 0, m));
}
for (const r of results) {
  console.log("summary", r.name, r.count, r.max);
}
let text = "";
for (let i = 0; i < 50; i++) {
  text = text + (i % 10);
}
console.log(text);
arenaUse(top);
arenaFree(outer);
console.log("freed outer; default arena again:", new Summary("after", 0, 0).name);
