// sieve: the sieve of Eratosthenes over a byte array, repeated (bench/run.mjs).
// The same work as bench/c/sieve.c, which must print the same line.
// Each repetition sieves a slightly different range so that no compiler can
// hoist the work out of the loop.
import type { i32 } from "../../core/types";

const LIMIT: i32 = 8000000;
const REPS: i32 = 48;

/** Sieves flags[0..n] and returns the number of primes <= n. */
function sieve(flags: Uint8Array, n: i32): i32 {
  flags.fill(1);
  flags[0] = 0;
  flags[1] = 0;
  for (let i: i32 = 2; Math.imul(i, i) <= n; i = (i + 1) | 0) {
    if (flags[i] !== 0) {
      for (let j: i32 = Math.imul(i, i); j <= n; j = (j + i) | 0) {
        flags[j] = 0;
      }
    }
  }
  let count: i32 = 0;
  for (let i: i32 = 2; i <= n; i = (i + 1) | 0) {
    count = (count + flags[i]) | 0;
  }
  return count;
}

function main(): void {
  const flags = new Uint8Array(LIMIT + 1);
  let acc: i32 = 0;
  let primes: i32 = 0;
  for (let r: i32 = 0; r < REPS; r = (r + 1) | 0) {
    primes = sieve(flags, LIMIT - (r & 7));
    acc = (Math.imul(acc, 31) + primes) | 0;
  }
  console.log(`sieve limit=${LIMIT} reps=${REPS} primes=${primes} acc=${acc >>> 0}`);
}

main();
