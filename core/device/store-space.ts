// Free space of the module store (store.ts): runs of free blocks in its map of
// used blocks (one byte per block, 0 = free).
import type { i32 } from "../types";

export function freeBlocks(used: Uint8Array): i32 {
  let n = 0;
  for (let b = 0; b < used.length; b++) {
    if (used[b] === 0) n++;
  }
  return n;
}

/** The length of the longest run of free blocks. */
export function largestRun(used: Uint8Array): i32 {
  let best = 0;
  let run = 0;
  for (let b = 0; b < used.length; b++) {
    run = used[b] === 0 ? (run + 1) | 0 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** The first block of the smallest free run of at least `blocks` blocks (the best fit), or -1. */
export function bestFit(used: Uint8Array, blocks: i32): i32 {
  let best = -1;
  let bestLength = 0;
  let b = 0;
  while (b < used.length) {
    if (used[b] !== 0) {
      b++;
      continue;
    }
    const start = b;
    while (b < used.length && used[b] === 0) b++;
    const length = (b - start) | 0;
    if (length >= blocks && (best < 0 || length < bestLength)) {
      best = start;
      bestLength = length;
    }
  }
  return best;
}

/** The first block of the lowest free run of at least `blocks` blocks that starts below `before`, or -1. */
export function lowestFitBelow(used: Uint8Array, blocks: i32, before: i32): i32 {
  let b = 0;
  while (b < before) {
    if (used[b] !== 0) {
      b++;
      continue;
    }
    const start = b;
    while (b < used.length && used[b] === 0) b++;
    if (b - start >= blocks) return start;
  }
  return -1;
}
