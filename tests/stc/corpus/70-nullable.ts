// T | null for classes, interfaces, arrays, typed arrays and strings; === null / !== null; the ! assertion.
import type { i32 } from "../../../core/types";

class Node2 {
  id: i32;
  link: Node2 | null = null;
  constructor(id: i32) {
    this.id = id;
  }
}
interface Config {
  name: string;
  fallback: Config | null;
  tags: string[] | null;
}

function describe(n: Node2 | null): string {
  if (n === null) {
    return "no node";
  }
  return "node " + n.id + (n.link !== null ? " -> " + n.link.id : "");
}
function lookup(c: Config | null, depth: i32): string {
  if (c === null) {
    return "none@" + depth;
  }
  if (c.tags !== null && c.tags.length > 0) {
    return c.name + ":" + c.tags[0] + "@" + depth;
  }
  return lookup(c.fallback, (depth + 1) | 0);
}
function firstOrNull(xs: Uint8Array | null): i32 {
  if (xs === null || xs.length === 0) {
    return -1;
  }
  return xs[0];
}
function pickName(flag: boolean): string | null {
  return flag ? "chosen" : null;
}

const a = new Node2(1);
const b = new Node2(2);
console.log("nodes", describe(null), "|", describe(a));
a.link = b;
console.log("linked", describe(a), "|", describe(a.link));
console.log("assert", a.link!.id);
a.link = null;
console.log("cleared", describe(a));

const base: Config = { name: "base", fallback: null, tags: ["t1", "t2"] };
const mid: Config = { name: "mid", fallback: base, tags: [] };
const top: Config = { name: "top", fallback: mid, tags: null };
console.log("lookup", lookup(top, 0), lookup(mid, 0), lookup(base, 0), lookup(null, 0));

let bytes: Uint8Array | null = null;
console.log("typed", firstOrNull(bytes));
bytes = new Uint8Array([42, 1]);
console.log("typed", firstOrNull(bytes), firstOrNull(new Uint8Array(0)));

let nums: i32[] | null = null;
console.log("array is null", nums === null);
nums = [3, 4];
if (nums !== null) {
  nums.push(5);
  console.log("array", nums.length, nums[2]);
}

const s1 = pickName(true);
const s2 = pickName(false);
console.log("picked", s1 !== null ? s1 : "(null)", s2 !== null ? s2 : "(null)", s2 === null);
let msg: string | null = null;
for (let i = 0; i < 3; i++) {
  msg = msg === null ? "x" : msg + "y";
}
console.log("msg", msg!);
const nodes: (Node2 | null)[] = [a, null, b];
let ids = "";
for (const n of nodes) {
  ids = ids + (n === null ? "-" : "" + n.id);
}
console.log("ids", ids);
