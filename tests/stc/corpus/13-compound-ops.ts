// ++ -- += -= on integer variables, fields and array elements (range-checked, staying in range),
// typed-array elements (wrap like JS), and *= /= %= on doubles.
import type { i8, u8, u16, i32, u32, f64 } from "../../../core/types";

let i: i32 = 0;
i++;
i++;
i--;
i += 10;
i -= 3;
console.log("i", i);
console.log("postfix/prefix", i++, ++i, i--, --i, i);
let u: u32 = 4294967290;
u++;
u += 4;
console.log("u", u);
let b: u8 = 250;
b += 5;
console.log("b", b);
let s: i8 = -120;
s -= 8;
console.log("s", s);

class Counter {
  n: i32 = 0;
  hits: u16 = 0;
  total: f64 = 0;
}
const c = new Counter();
for (let k = 0; k < 5; k++) {
  c.n++;
  c.n += 5;
  c.hits++;
  c.total += 0.5;
}
c.n--;
console.log("counter", c.n, c.hits, c.total);

const arr: i32[] = [1, 2, 3];
arr[1] += 10;
arr[2]++;
arr[0]--;
arr[0] -= 100;
console.log("array", arr[0], arr[1], arr[2]);

const u8a = new Uint8Array(2);
u8a[0] = 255;
u8a[0] += 1;
u8a[1]--;
console.log("Uint8Array wraps", u8a[0], u8a[1]);
const i8a = new Int8Array(1);
i8a[0] = 127;
i8a[0]++;
console.log("Int8Array wraps", i8a[0]);
const i16a = new Int16Array(1);
i16a[0] = -32768;
i16a[0] -= 1;
console.log("Int16Array wraps", i16a[0]);
const u16a = new Uint16Array(1);
u16a[0] += 65537;
console.log("Uint16Array wraps", u16a[0]);
const i32a = new Int32Array(1);
i32a[0] = 2147483647;
i32a[0]++;
console.log("Int32Array wraps", i32a[0]);
const u32a = new Uint32Array(1);
u32a[0]--;
console.log("Uint32Array wraps", u32a[0]);
u32a[0] += 2;
console.log("Uint32Array wraps again", u32a[0]);
const f64a = new Float64Array(1);
f64a[0] = 1.5;
f64a[0] *= 3;
f64a[0] /= 2;
f64a[0] += 0.125;
console.log("Float64Array", f64a[0]);

let d: f64 = 1.5;
d *= 4;
console.log("d *= 4", d);
d /= 3;
console.log("d /= 3", d);
d %= 1.5;
console.log("d remainder-assign 1.5", d);
d += 0.25;
d -= 10;
console.log("d", d);
let sum: i32 = 0;
for (let k = 0; k < 1000; k += 7) {
  sum += k;
}
console.log("sum", sum);
let down: i32 = 100;
while (down > 0) {
  down -= 9;
}
console.log("down", down);
