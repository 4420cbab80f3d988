// Types exported across modules: a class, an interface, an enum and a const enum.
import type { i32, f64 } from "../../../../core/types";

export enum Shape {
  Circle = 1,
  Square,
  Triangle,
}
export const enum Unit {
  Mm = 1,
  Cm = 10,
  M = 1000,
}
export interface Size {
  w: f64;
  h: f64;
}
export class Figure {
  shape: Shape;
  size: Size;
  id: i32;
  static made: i32 = 0;
  constructor(shape: Shape, size: Size) {
    Figure.made++;
    this.id = Figure.made;
    this.shape = shape;
    this.size = size;
  }
  area(): f64 {
    switch (this.shape) {
      case Shape.Circle:
        return Math.PI * this.size.w * this.size.w / 4;
      case Shape.Square:
        return this.size.w * this.size.h;
      default:
        return this.size.w * this.size.h / 2;
    }
  }
}
export function makeSize(w: f64, h: f64): Size {
  return { w: w, h: h };
}
export function toMm(value: i32, unit: Unit): i32 {
  return Math.imul(value, unit);
}
