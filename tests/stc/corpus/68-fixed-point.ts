// Fixed-point math in Q16.16: multiply/divide with exact doubles, integer sqrt, CORDIC sine/cosine and atan2.
import type { i32, f64 } from "../../../core/types";

const ONE: i32 = 65536;

function toFix(x: f64): i32 {
  return Math.round(x * ONE) | 0;
}
function toFloat(x: i32): f64 {
  return x / ONE;
}
function fmul(a: i32, b: i32): i32 {
  // |a|, |b| < 2^31: the product is exact in a double only below 2^53, so split b
  const hi: i32 = b >> 16;
  const lo: i32 = b & 0xffff;
  return (Math.imul(a, hi) + Math.floor((a * lo) / 65536)) | 0;
}
function fdiv(a: i32, b: i32): i32 {
  return Math.floor((a * 65536) / b) | 0;
}
function isqrt(n: i32): i32 {
  if (n <= 0) {
    return 0;
  }
  let x: i32 = n;
  let y: i32 = ((x >> 1) + (x & 1)) | 0;
  while (y < x) {
    x = y;
    y = ((x + ((n / x) | 0)) >> 1) | 0;
  }
  return x;
}
function fsqrt(a: i32): i32 {
  // sqrt in Q16.16 = isqrt(a) * 256 refined: use a * 65536 split into two steps to stay in i32
  const r = isqrt(a);
  let x: i32 = Math.imul(r, 256);
  for (let i = 0; i < 8; i++) {
    if (x === 0) {
      return 0;
    }
    x = ((x + fdiv(a, x)) >> 1) | 0;
  }
  return x;
}

// atan(2^-i) in Q16.16
const ATAN = new Int32Array([51472, 30386, 16055, 8150, 4091, 2047, 1024, 512, 256, 128, 64, 32, 16, 8, 4, 2]);
const CORDIC_K: i32 = 39797; // 0.607252935 in Q16.16

class SinCos {
  sin: i32 = 0;
  cos: i32 = 0;
}
function cordic(angle: i32, out: SinCos): void {
  let x: i32 = CORDIC_K;
  let y: i32 = 0;
  let z: i32 = angle;
  for (let i = 0; i < 16; i++) {
    const dx: i32 = x >> i;
    const dy: i32 = y >> i;
    if (z >= 0) {
      x = (x - dy) | 0;
      y = (y + dx) | 0;
      z = (z - ATAN[i]) | 0;
    } else {
      x = (x + dy) | 0;
      y = (y - dx) | 0;
      z = (z + ATAN[i]) | 0;
    }
  }
  out.sin = y;
  out.cos = x;
}
function atan2(y0: i32, x0: i32): i32 {
  let x: i32 = x0;
  let y: i32 = y0;
  let z: i32 = 0;
  for (let i = 0; i < 16; i++) {
    const dx: i32 = x >> i;
    const dy: i32 = y >> i;
    if (y < 0) {
      x = (x - dy) | 0;
      y = (y + dx) | 0;
      z = (z - ATAN[i]) | 0;
    } else {
      x = (x + dy) | 0;
      y = (y - dx) | 0;
      z = (z + ATAN[i]) | 0;
    }
  }
  return z;
}

const a = toFix(3.25);
const b = toFix(-1.5);
console.log("fix", a, b, toFloat(a), toFloat(b));
console.log("mul", fmul(a, b), toFloat(fmul(a, b)), toFloat(fmul(toFix(100.5), toFix(200.25))), toFloat(fmul(toFix(-0.001), toFix(0.001))));
console.log("div", toFloat(fdiv(a, b)), toFloat(fdiv(ONE, toFix(3))), toFloat(fdiv(toFix(-7), toFix(2))));
console.log("isqrt", isqrt(0), isqrt(1), isqrt(15), isqrt(16), isqrt(1000000), isqrt(2147483647));
console.log("fsqrt", toFloat(fsqrt(toFix(2))), toFloat(fsqrt(toFix(9))), toFloat(fsqrt(toFix(0.25))), toFloat(fsqrt(toFix(10000))));
const sc = new SinCos();
const degrees: i32[] = [0, 15, 30, 45, 60, 75, 90, -30, -90];
for (const d of degrees) {
  const angle = toFix((d * Math.PI) / 180);
  cordic(angle, sc);
  console.log("cordic", d, "sin", toFloat(sc.sin), "cos", toFloat(sc.cos));
}
console.log("atan2", toFloat(atan2(ONE, ONE)), toFloat(atan2(ONE, Math.imul(ONE, 2))), toFloat(atan2((-ONE) | 0, Math.imul(ONE, 3))));
