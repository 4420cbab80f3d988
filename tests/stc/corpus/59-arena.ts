// Arenas: allocate temporary objects, arrays, typed arrays and strings in an arena, keep only numbers, free it whole.
import type { i32, f64 } from "../../../core/types";
import { arenaCreate, arenaUse, arenaFree } from "../../../core/arena";

class Particle {
  x: f64;
  v: f64;
  constructor(x: f64, v: f64) {
    this.x = x;
    this.v = v;
  }
}

function simulate(n: i32, steps: i32): f64 {
  const arena = arenaCreate(4096);
  const previous = arenaUse(arena);
  const ps: Particle[] = [];
  for (let i = 0; i < n; i++) {
    ps.push(new Particle(i, 1 / (i + 1)));
  }
  const scratch = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) {
      ps[i].x += ps[i].v;
      scratch[i] = ps[i].x;
    }
  }
  let label = "";
  for (let i = 0; i < 5; i++) {
    label = label + "p" + i + "=" + scratch[i] + " ";
  }
  console.log(label);
  let sum: f64 = 0;
  for (const x of scratch) {
    sum += x;
  }
  arenaUse(previous);
  arenaFree(arena);
  return sum;
}

for (let round = 1; round <= 5; round++) {
  const total = simulate((round * 20) | 0, (round * 3) | 0);
  console.log("round", round, "total", total);
}
// many short-lived arenas
let checksum: i32 = 0;
for (let k = 0; k < 200; k++) {
  const a = arenaCreate(64);
  const prev = arenaUse(a);
  const tmp = new Int32Array(100);
  for (let i = 0; i < tmp.length; i++) {
    tmp[i] = Math.imul(i, k);
  }
  const words: string[] = [];
  for (let i = 0; i < 10; i++) {
    words.push("w" + i);
  }
  checksum = (checksum + tmp[99] + words.length) | 0;
  arenaUse(prev);
  arenaFree(a);
}
console.log("checksum", checksum);
