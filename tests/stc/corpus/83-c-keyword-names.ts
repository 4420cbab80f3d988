import type { i32, f64 } from "../../../core/types";

interface Weird {
  int: i32;
  char: string;
  default: f64;
  length: i32;
  data: i32;
  self: i32;
  new: i32;
  class: boolean;
  register: i32;
}
class Holder {
  static static_: i32 = 1;
  double: f64 = 2.5;
  unsigned: i32 = 3;
  this_: i32 = 4;
  length: i32 = 5;
  new_(): i32 {
    return (this.unsigned + this.length) | 0;
  }
  int(): i32 {
    return this.this_;
  }
  delete(x: i32): i32 {
    return (x - 1) | 0;
  }
}
const w: Weird = { int: 1, char: "c", default: 0.5, length: 7, data: 8, self: 9, new: 10, class: true, register: 11 };
const h = new Holder();
console.log(w.int, w.char, w.default, w.length, w.data, w.self, w.new, w.class, w.register);
console.log(h.double, h.unsigned, h.this_, h.length, h.new_(), h.int(), h.delete(5), Holder.static_);
function sizeof(x: i32): i32 {
  return x;
}
function exit(x: i32): i32 {
  return (x + 1) | 0;
}
function abort(): string {
  return "not aborted";
}
function free(x: i32): i32 {
  return x;
}
function malloc(x: i32): i32 {
  return x;
}
function strlen(x: i32): i32 {
  return x;
}
function memcpy(x: i32): i32 {
  return x;
}
const assert: i32 = 3;
const NDEBUG: i32 = 4;
const INFINITY: i32 = 5;
const nan: i32 = 6;
const isnan: i32 = 7;
console.log(sizeof(1), exit(1), abort(), free(2), malloc(3), strlen(4), memcpy(5), assert, NDEBUG, INFINITY, nan, isnan);
