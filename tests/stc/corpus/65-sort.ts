// Sorting: quicksort on an Int32Array, insertion sort of objects by key, merge sort of f64[] with a comparator function.
import type { i32, u32, f64 } from "../../../core/types";

let seed: u32 = 42;
function rand(): u32 {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed >>> 8;
}

function quicksort(a: Int32Array, lo: i32, hi: i32): void {
  if (lo >= hi) {
    return;
  }
  const pivot = a[(lo + ((hi - lo) >> 1)) | 0];
  let i = lo;
  let j = hi;
  while (i <= j) {
    while (a[i] < pivot) {
      i++;
    }
    while (a[j] > pivot) {
      j--;
    }
    if (i <= j) {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
      i++;
      j--;
    }
  }
  quicksort(a, lo, j);
  quicksort(a, i, hi);
}
function isSorted(a: Int32Array): boolean {
  for (let i = 1; i < a.length; i++) {
    if (a[i - 1] > a[i]) {
      return false;
    }
  }
  return true;
}

const n: i32 = 500;
const data = new Int32Array(n);
for (let i = 0; i < n; i++) {
  data[i] = (rand() | 0) - 4194304;
}
quicksort(data, 0, (n - 1) | 0);
console.log("sorted", isSorted(data), "min", data[0], "median", data[250], "max", data[n - 1]);
const extremes = new Int32Array([2147483647, -2147483648, 0, -1, 1, 2147483647, -2147483648]);
quicksort(extremes, 0, (extremes.length - 1) | 0);
let ex = "";
for (const v of extremes) {
  ex = ex + v + " ";
}
console.log("extremes", ex);

class Person {
  name: string;
  age: i32;
  constructor(name: string, age: i32) {
    this.name = name;
    this.age = age;
  }
}
function insertionSort(ps: Person[]): void {
  for (let i = 1; i < ps.length; i++) {
    const cur = ps[i];
    let j: i32 = (i - 1) | 0;
    while (j >= 0 && ps[j].age > cur.age) {
      ps[j + 1] = ps[j];
      j--;
    }
    ps[j + 1] = cur;
  }
}
const people: Person[] = [new Person("eve", 31), new Person("al", 25), new Person("bo", 31), new Person("cy", 19), new Person("di", 25)];
insertionSort(people);
let order = "";
for (const p of people) {
  order = order + p.name + ":" + p.age + " ";
}
console.log("stable by age", order);

function ascending(a: f64, b: f64): boolean {
  return a <= b;
}
function descending(a: f64, b: f64): boolean {
  return a >= b;
}
function mergeSort(xs: f64[], le: (a: f64, b: f64) => boolean): f64[] {
  if (xs.length <= 1) {
    return xs;
  }
  const mid: i32 = xs.length >> 1;
  const left: f64[] = [];
  const right: f64[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (i < mid) {
      left.push(xs[i]);
    } else {
      right.push(xs[i]);
    }
  }
  const l = mergeSort(left, le);
  const r = mergeSort(right, le);
  const out: f64[] = [];
  let i: i32 = 0;
  let j: i32 = 0;
  while (i < l.length && j < r.length) {
    if (le(l[i], r[j])) {
      out.push(l[i]);
      i++;
    } else {
      out.push(r[j]);
      j++;
    }
  }
  while (i < l.length) {
    out.push(l[i]);
    i++;
  }
  while (j < r.length) {
    out.push(r[j]);
    j++;
  }
  return out;
}
const ds: f64[] = [3.5, -1, 0.25, 1e10, -0.5, 2, 0.1 + 0.2, -1e-5];
let asc = "";
for (const v of mergeSort(ds, ascending)) {
  asc = asc + v + " ";
}
let desc = "";
for (const v of mergeSort(ds, descending)) {
  desc = desc + v + " ";
}
console.log("asc", asc);
console.log("desc", desc);
