// A hash table with open addressing (linear probing) over Int32Arrays: insert, update, lookup, delete with tombstones, resize.
import type { i32, u32 } from "../../../core/types";

const EMPTY: i32 = 0;
const USED: i32 = 1;
const DELETED: i32 = 2;

class IntMap {
  keys: Int32Array;
  values: Int32Array;
  states: Uint8Array;
  size: i32 = 0;
  capacity: i32;
  probes: i32 = 0;
  constructor(capacity: i32) {
    this.capacity = capacity;
    this.keys = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.states = new Uint8Array(capacity);
  }
  slot(key: i32): i32 {
    let h: u32 = Math.imul(key, 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    return (h % this.capacity) | 0;
  }
  find(key: i32): i32 {
    let i = this.slot(key);
    for (let n = 0; n < this.capacity; n++) {
      this.probes++;
      const st = this.states[i];
      if (st === EMPTY) {
        return -1;
      }
      if (st === USED && this.keys[i] === key) {
        return i;
      }
      i = (i + 1) % this.capacity | 0;
    }
    return -1;
  }
  put(key: i32, value: i32): void {
    const at = this.find(key);
    if (at >= 0) {
      this.values[at] = value;
      return;
    }
    if (Math.imul(this.size + 1, 4) > Math.imul(this.capacity, 3)) {
      this.grow();
    }
    let i = this.slot(key);
    while (this.states[i] === USED) {
      i = (i + 1) % this.capacity | 0;
    }
    this.keys[i] = key;
    this.values[i] = value;
    this.states[i] = USED;
    this.size++;
  }
  get(key: i32, fallback: i32): i32 {
    const at = this.find(key);
    return at >= 0 ? this.values[at] : fallback;
  }
  remove(key: i32): boolean {
    const at = this.find(key);
    if (at < 0) {
      return false;
    }
    this.states[at] = DELETED;
    this.size--;
    return true;
  }
  grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldStates = this.states;
    this.capacity = Math.imul(this.capacity, 2);
    this.keys = new Int32Array(this.capacity);
    this.values = new Int32Array(this.capacity);
    this.states = new Uint8Array(this.capacity);
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldStates[i] === USED) {
        this.put(oldKeys[i], oldValues[i]);
      }
    }
  }
}

const m = new IntMap(8);
for (let i = 0; i < 1000; i++) {
  m.put(Math.imul(i, 7919), i);
}
console.log("size", m.size, "capacity", m.capacity);
console.log("get", m.get(0, -1), m.get(7919, -1), m.get(Math.imul(999, 7919), -1), m.get(5, -1));
let removed: i32 = 0;
for (let i = 0; i < 1000; i += 3) {
  if (m.remove(Math.imul(i, 7919))) {
    removed++;
  }
}
console.log("removed", removed, "size", m.size, "remove again", m.remove(0));
let found: i32 = 0;
let sum: i32 = 0;
for (let i = 0; i < 1000; i++) {
  const v = m.get(Math.imul(i, 7919), -1);
  if (v >= 0) {
    found++;
    sum = (sum + v) | 0;
  }
}
console.log("found", found, "sum", sum);
m.put(-2147483648, 1);
m.put(2147483647, 2);
m.put(-1, 3);
m.put(-1, 4);
console.log("extreme keys", m.get(-2147483648, 0), m.get(2147483647, 0), m.get(-1, 0), "size", m.size);
console.log("probes", m.probes);
