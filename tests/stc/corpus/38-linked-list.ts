// A singly linked list with T | null links: push, reverse, remove, and a doubly linked deque.
import type { i32 } from "../../../core/types";

class ListNode {
  value: i32;
  next: ListNode | null;
  constructor(value: i32, next: ListNode | null) {
    this.value = value;
    this.next = next;
  }
}

function show(label: string, head: ListNode | null): void {
  let s = label + ":";
  let n = head;
  while (n !== null) {
    s = s + " " + n.value;
    n = n.next;
  }
  console.log(s);
}
function reverse(head: ListNode | null): ListNode | null {
  let prev: ListNode | null = null;
  let cur = head;
  while (cur !== null) {
    const next = cur.next;
    cur.next = prev;
    prev = cur;
    cur = next;
  }
  return prev;
}
function removeAll(head: ListNode | null, value: i32): ListNode | null {
  let h = head;
  while (h !== null && h.value === value) {
    h = h.next;
  }
  let cur = h;
  while (cur !== null) {
    const nx = cur.next;
    if (nx !== null && nx.value === value) {
      cur.next = nx.next;
    } else {
      cur = nx;
    }
  }
  return h;
}
function length(head: ListNode | null): i32 {
  let n: i32 = 0;
  for (let c = head; c !== null; c = c.next) {
    n++;
  }
  return n;
}

let list: ListNode | null = null;
for (let i = 0; i < 10; i++) {
  list = new ListNode((i % 3) | 0, list);
}
show("built", list);
list = reverse(list);
show("reversed", list);
list = removeAll(list, 0);
show("without 0", list);
console.log("length", length(list), length(null));
list = removeAll(list, 1);
list = removeAll(list, 2);
show("emptied", list);
console.log("is empty", list === null);

class DNode {
  value: string;
  prev: DNode | null = null;
  next: DNode | null = null;
  constructor(value: string) {
    this.value = value;
  }
}
class Deque {
  head: DNode | null = null;
  tail: DNode | null = null;
  pushBack(v: string): void {
    const n = new DNode(v);
    if (this.tail === null) {
      this.head = n;
      this.tail = n;
    } else {
      n.prev = this.tail;
      this.tail.next = n;
      this.tail = n;
    }
  }
  pushFront(v: string): void {
    const n = new DNode(v);
    if (this.head === null) {
      this.head = n;
      this.tail = n;
    } else {
      n.next = this.head;
      this.head.prev = n;
      this.head = n;
    }
  }
  popFront(): string | null {
    const h = this.head;
    if (h === null) {
      return null;
    }
    this.head = h.next;
    if (this.head === null) {
      this.tail = null;
    } else {
      this.head.prev = null;
    }
    return h.value;
  }
}
const dq = new Deque();
dq.pushBack("b");
dq.pushBack("c");
dq.pushFront("a");
let backwards = "";
for (let n = dq.tail; n !== null; n = n.prev) {
  backwards = backwards + n.value;
}
console.log("backwards", backwards);
let item = dq.popFront();
while (item !== null) {
  console.log("popped", item);
  item = dq.popFront();
}
console.log("drained", dq.head === null, dq.tail === null);
