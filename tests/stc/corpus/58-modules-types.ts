// Using a class, interface, enum, const enum, constants and functions (with function-type parameters) from other modules.
import type { i32, f64 } from "../../../core/types";
import { Figure, Shape, Unit, makeSize, toMm } from "./lib/geometry.ts";
import type { Size } from "./lib/geometry.ts";
import { SCALE, applyTwice, clamp, gcd, mean, mix32 } from "./lib/mathutil";

function inc(x: i32): i32 {
  return (x + 1) | 0;
}
function triple(x: i32): i32 {
  return Math.imul(x, 3);
}

const s: Size = makeSize(2, 3);
const figs: Figure[] = [new Figure(Shape.Circle, s), new Figure(Shape.Square, s), new Figure(Shape.Triangle, { w: 4, h: 5 })];
for (const f of figs) {
  console.log("figure", f.id, f.shape, f.area());
}
console.log("made", Figure.made, "shape ids", Shape.Circle, Shape.Triangle);
console.log("units", toMm(3, Unit.M), toMm(7, Unit.Cm), toMm(5, Unit.Mm));
console.log("clamp", clamp(-5, 0, 10), clamp(50, 0, 10), clamp(5, 0, 10), "gcd", gcd(-84, 36), gcd(0, 0));
const xs: f64[] = [1, 2, 3.5];
console.log("mean", mean(xs), mean([]), "scale", SCALE);
console.log("applyTwice", applyTwice(inc, 5), applyTwice(triple, 5));
let h: i32 = 0;
for (let i = 0; i < 5; i++) {
  h = mix32(h >>> 0, i >>> 0) | 0;
}
console.log("mix32 chain", h, h >>> 0);
