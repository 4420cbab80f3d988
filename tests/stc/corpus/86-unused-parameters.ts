import type { i32 } from "../../../core/types";

class Entry {
  key: i32;
  value: string;
  prev: Entry | null = null;
  next: Entry | null = null;
  chain: Entry | null = null;
  constructor(key: i32, value: string) {
    this.key = key;
    this.value = value;
  }
}
class Lru {
  cap: i32;
  size: i32 = 0;
  head: Entry | null = null;
  tail: Entry | null = null;
  buckets: (Entry | null)[] = [];
  hits: i32 = 0;
  misses: i32 = 0;
  constructor(cap: i32) {
    this.cap = cap;
    for (let i = 0; i < 8; i++) this.buckets.push(null);
  }
  bucket(key: i32): i32 {
    return Math.imul(key, 0x9e3779b1) >>> 29;
  }
  find(key: i32): Entry | null {
    let e = this.buckets[this.bucket(key)];
    while (e !== null && e.key !== key) e = e.chain;
    return e;
  }
  unlink(e: Entry): void {
    if (e.prev !== null) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next !== null) e.next.prev = e.prev;
    else this.tail = e.prev;
    e.prev = null;
    e.next = null;
  }
  pushFront(e: Entry): void {
    e.next = this.head;
    if (this.head !== null) this.head.prev = e;
    this.head = e;
    if (this.tail === null) this.tail = e;
  }
  removeFromBucket(e: Entry): void {
    const b = this.bucket(e.key);
    let p = this.buckets[b];
    if (p === e) {
      this.buckets[b] = e.chain;
      return;
    }
    while (p !== null && p.chain !== e) p = p.chain;
    if (p !== null) p.chain = e.chain;
  }
  get(key: i32): string | null {
    const e = this.find(key);
    if (e === null) {
      this.misses++;
      return null;
    }
    this.hits++;
    this.unlink(e);
    this.pushFront(e);
    return e.value;
  }
  put(key: i32, value: string): void {
    const found = this.find(key);
    if (found !== null) {
      found.value = value;
      this.unlink(found);
      this.pushFront(found);
      return;
    }
    if (this.size === this.cap && this.tail !== null) {
      const victim: Entry = this.tail;
      this.unlink(victim);
      this.removeFromBucket(victim);
      this.size--;
    }
    const e = new Entry(key, value);
    const b = this.bucket(key);
    e.chain = this.buckets[b];
    this.buckets[b] = e;
    this.pushFront(e);
    this.size++;
  }
  order(): string {
    let s = "";
    for (let e = this.head; e !== null; e = e.next) s += e.key + "=" + e.value + " ";
    return s;
  }
}
const c = new Lru(3);
c.put(1, "one");
c.put(2, "two");
c.put(3, "three");
console.log(c.order());
const g = c.get(1);
console.log(g !== null ? g : "miss", c.order());
c.put(4, "four");
console.log(c.order(), c.get(2) === null);
c.put(3, "THREE");
for (let k = 10; k < 20; k++) {
  c.put(k, "v" + k);
  if (k % 3 === 0) c.get(3);
}
console.log(c.order(), c.size, c.hits, c.misses);
