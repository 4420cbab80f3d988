// Sieve of Eratosthenes on a Uint8Array: count primes below 100000, print some, prime gaps, twin primes.
import type { i32 } from "../../../core/types";

const N: i32 = 100000;
const composite = new Uint8Array(N);
composite[0] = 1;
composite[1] = 1;
for (let i = 2; Math.imul(i, i) < N; i++) {
  if (composite[i] === 0) {
    for (let j = Math.imul(i, i); j < N; j += i) {
      composite[j] = 1;
    }
  }
}
let count: i32 = 0;
let last: i32 = 0;
let maxGap: i32 = 0;
let gapAt: i32 = 0;
let twins: i32 = 0;
for (let i = 2; i < N; i++) {
  if (composite[i] === 0) {
    count++;
    if (last > 0) {
      const gap: i32 = (i - last) | 0;
      if (gap > maxGap) {
        maxGap = gap;
        gapAt = last;
      }
      if (gap === 2) {
        twins++;
      }
    }
    last = i;
  }
}
console.log("primes below", N, ":", count);
console.log("largest", last, "max gap", maxGap, "after", gapAt, "twin pairs", twins);
let firsts = "";
let shown: i32 = 0;
for (let i = 0; shown < 25; i++) {
  if (!composite[i]) {
    firsts = firsts + i + " ";
    shown++;
  }
}
console.log(firsts);
