// subarray, slice, fill, set, copyWithin, including negative and out-of-range arguments and overlapping copies.
import type { i32, f64 } from "../../../core/types";

function show(label: string, a: Int32Array): void {
  let s = label + " [" + a.length + "]:";
  for (let i = 0; i < a.length; i++) {
    s = s + " " + a[i];
  }
  console.log(s);
}
function iota(n: i32): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = i;
  }
  return a;
}

const a = iota(10);
const s1 = a.subarray(2, 5);
s1[0] = 100;
show("subarray(2,5)", s1);
show("a after s1[0]=100", a);
show("subarray(-3)", a.subarray(-3));
show("subarray(-5,-2)", a.subarray(-5, -2));
show("subarray(8,2)", a.subarray(8, 2));
show("subarray(-100,100)", a.subarray(-100, 100));
show("subarray(3)", a.subarray(3));
const nested = a.subarray(2, 9).subarray(1, -1);
nested[0] = -1;
show("nested", nested);
show("a after nested[0]=-1", a);

const c1 = a.slice(-2);
c1[0] = 555;
show("slice(-2)", c1);
show("slice(1,-1)", a.slice(1, -1));
show("slice(5,3)", a.slice(5, 3));
show("slice()", a.slice());
show("a unchanged by slices", a);

const f = iota(8);
f.fill(7);
show("fill(7)", f);
f.fill(9, -3);
show("fill(9,-3)", f);
f.fill(1, 2, -4);
show("fill(1,2,-4)", f);
f.fill(5, -100, 1);
show("fill(5,-100,1)", f);
f.fill(3, 6, 2);
show("fill(3,6,2)", f);

const t = iota(10);
const src = new Int32Array([-1, -2, -3]);
t.set(src);
show("set(src)", t);
t.set(src, 7);
show("set(src,7)", t);
const o = iota(10);
o.set(o.subarray(0, 5), 3);
show("set overlapping forward", o);
const o2 = iota(10);
o2.set(o2.subarray(4, 10), 1);
show("set overlapping backward", o2);

show("copyWithin(0,3)", iota(10).copyWithin(0, 3));
show("copyWithin(-2,0)", iota(10).copyWithin(-2, 0));
show("copyWithin(1,-4,-2)", iota(10).copyWithin(1, -4, -2));
show("copyWithin(2,0,5)", iota(10).copyWithin(2, 0, 5));
show("copyWithin(0,8,100)", iota(10).copyWithin(0, 8, 100));
show("copyWithin(-100,-3)", iota(10).copyWithin(-100, -3));

const bytes = new Uint8Array(4);
const big: i32 = 300;
bytes.fill(big);
console.log("Uint8Array.fill(300)", bytes[0], bytes[3]);
const floats = new Float32Array(2);
const tenth: f64 = 0.1;
floats.fill(tenth);
console.log("Float32Array.fill(0.1)", floats[0], floats[1]);
const wide = new Float64Array([1.5, 2.5, 3.5, 4.5]);
wide.copyWithin(0, 2);
const part = wide.slice(1, 3);
console.log("Float64Array", wide[0], wide[1], wide[2], wide[3], part.length, part[0], part[1]);
