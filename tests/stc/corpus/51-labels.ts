// Labelled break and continue across nested loops (for, while, do-while, for-of).
import type { i32 } from "../../../core/types";

let found = "";
outer: for (let i = 0; i < 10; i++) {
  for (let j = 0; j < 10; j++) {
    if (Math.imul(i, j) === 42) {
      found = i + "*" + j;
      break outer;
    }
  }
}
console.log("first product 42:", found);

let pairs: i32 = 0;
rows: for (let i = 0; i < 6; i++) {
  for (let j = 0; j < 6; j++) {
    if (j > i) {
      continue rows;
    }
    pairs++;
  }
}
console.log("pairs j<=i:", pairs);

const primes: i32[] = [];
candidates: for (let n = 2; primes.length < 15; n++) {
  for (const p of primes) {
    if (Math.imul(p, p) > n) {
      break;
    }
    if (n % p === 0) {
      continue candidates;
    }
  }
  primes.push(n);
}
let ps = "";
for (const p of primes) {
  ps = ps + p + " ";
}
console.log("primes:", ps);

let a: i32 = 0;
let trace = "";
loopA: while (a < 5) {
  a++;
  let b: i32 = 0;
  loopB: do {
    b++;
    if (b === 2) {
      continue loopB;
    }
    if (a === 3) {
      continue loopA;
    }
    if (a === 4 && b === 3) {
      break loopA;
    }
    trace = trace + a + "" + b + " ";
  } while (b < 3);
}
console.log("trace:", trace, "a =", a);

const grid: i32[][] = [[1, 2, 3], [4, -5, 6], [7, 8, -9]];
let firstNeg = "none";
search: for (let r = 0; r < grid.length; r++) {
  for (let c = 0; c < grid[r].length; c++) {
    if (grid[r][c] < 0) {
      firstNeg = r + "," + c;
      break search;
    }
  }
}
console.log("first negative at", firstNeg);
let inner: i32 = 0;
level1: for (let i = 0; i < 3; i++) {
  level2: for (let j = 0; j < 3; j++) {
    for (let k = 0; k < 3; k++) {
      if (k === 1) {
        continue level2;
      }
      if (j === 2) {
        continue level1;
      }
      inner++;
    }
  }
}
console.log("three levels", inner);
