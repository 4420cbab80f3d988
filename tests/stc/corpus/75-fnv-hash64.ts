// 64-bit hashing with u64 bigints: FNV-1a 64 and a MurmurHash3-style finaliser; 32-bit FNV-1a for comparison.
import type { i32, u32, u64 } from "../../../core/types";
import { hex32, hex64 } from "./lib/hex";

function fnv1a64(data: Uint8Array): u64 {
  let h: u64 = 0xcbf29ce484222325n;
  for (let i = 0; i < data.length; i++) {
    h = h ^ BigInt.asUintN(64, BigInt(data[i]));
    h = BigInt.asUintN(64, h * 0x100000001b3n);
  }
  return h;
}
function fnv1a32(data: Uint8Array): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    h = (h ^ data[i]) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
function fmix64(k0: u64): u64 {
  let k: u64 = k0;
  k = k ^ (k >> 33n);
  k = BigInt.asUintN(64, k * 0xff51afd7ed558ccdn);
  k = k ^ (k >> 33n);
  k = BigInt.asUintN(64, k * 0xc4ceb9fe1a85ec53n);
  k = k ^ (k >> 33n);
  return k;
}
function text(codes: i32[]): Uint8Array {
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    out[i] = codes[i];
  }
  return out;
}

const empty = new Uint8Array(0);
const a = text([0x61]);
const foobar = text([0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72]);
console.log("fnv1a64", hex64(fnv1a64(empty)), hex64(fnv1a64(a)), hex64(fnv1a64(foobar)));
console.log("fnv1a32", hex32(fnv1a32(empty)), hex32(fnv1a32(a)), hex32(fnv1a32(foobar)));
console.log("raw", fnv1a64(foobar), fnv1a32(foobar));
for (let i = 0; i < 6; i++) {
  const k: u64 = BigInt.asUintN(64, BigInt(i));
  console.log("fmix64", i, hex64(fmix64(k)), fmix64(BigInt.asUintN(64, ~k)));
}
const big = new Uint8Array(4096);
for (let i = 0; i < big.length; i++) {
  big[i] = (i * 31 + (i >> 8)) & 0xff;
}
console.log("fnv1a64(4096 bytes)", hex64(fnv1a64(big)), "fnv1a32", hex32(fnv1a32(big)));
