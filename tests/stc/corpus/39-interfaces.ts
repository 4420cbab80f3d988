// Interfaces with object literals: passing, returning, nesting, arrays and nullable fields, mutation.
import type { i32, f64 } from "../../../core/types";

interface Vec2 {
  x: f64;
  y: f64;
}
interface Segment {
  from: Vec2;
  to: Vec2;
  label: string;
}
interface Polygon {
  name: string;
  points: Vec2[];
  parent: Polygon | null;
  closed: boolean;
}

function add(a: Vec2, b: Vec2): Vec2 {
  return { x: a.x + b.x, y: a.y + b.y };
}
function scale(a: Vec2, k: f64): Vec2 {
  const r: Vec2 = { x: a.x * k, y: a.y * k };
  return r;
}
function show(v: Vec2): string {
  return `<${v.x}, ${v.y}>`;
}
function perimeter(p: Polygon): f64 {
  let total: f64 = 0;
  const n = p.points.length;
  const last: i32 = p.closed ? n : (n - 1) | 0;
  for (let i = 0; i < last; i++) {
    const a = p.points[i];
    const j: i32 = i + 1 < n ? (i + 1) | 0 : 0;
    const b = p.points[j];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    total += Math.sqrt(dx * dx + dy * dy);
  }
  return total;
}

const a: Vec2 = { x: 1, y: 2 };
const b: Vec2 = { y: -0.5, x: 3 };
console.log("vectors", show(add(a, b)), show(scale(a, 2.5)), show(add(scale(b, -1), a)));
const seg: Segment = { from: a, to: { x: 4, y: 6 }, label: "ab" };
console.log("segment", seg.label, show(seg.from), show(seg.to), seg.from === a);
seg.from.x = 100;
console.log("shared", a.x, seg.from.x);
seg.to = b;
console.log("reassigned", show(seg.to));

const square: Polygon = {
  name: "square",
  points: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }],
  parent: null,
  closed: true,
};
const path: Polygon = { name: "path", points: [], parent: square, closed: false };
path.points.push({ x: 0, y: 0 });
path.points.push({ x: 3, y: 4 });
path.points.push(add(path.points[1], { x: 3, y: 4 }));
console.log("polygons", square.name, perimeter(square), path.name, perimeter(path), path.points.length);
const parent = path.parent;
console.log("parent", parent !== null ? parent.name : "none", square.parent === null);
const list: Vec2[] = [];
for (let i = 0; i < 5; i++) {
  list.push({ x: i, y: i * i });
}
let sx: f64 = 0;
let sy: f64 = 0;
for (const v of list) {
  sx += v.x;
  sy += v.y;
}
console.log("sums", sx, sy);
