import type { u32 } from "../../../../core/types";
const buf = new ArrayBuffer(8);
const f = new Float64Array(buf, 0, 1);
const w = new Uint32Array(buf, 0, 2);
function bits(lo: u32, hi: u32): number {
  w[0] = lo;
  w[1] = hi;
  return f[0];
}
console.log(bits(0, 0x3ff00000), bits(0, 0x40000000));
