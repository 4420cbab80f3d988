// Hexadecimal formatting without string methods: a table of digit strings.
import type { u8, u32, u64 } from "../../../../core/types";

const DIGITS: string[] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"];

export function hex8(x: u8): string {
  return DIGITS[x >>> 4] + DIGITS[x & 15];
}

export function hex32(x: u32): string {
  let s = "";
  for (let shift = 28; shift >= 0; shift -= 4) {
    s = s + DIGITS[(x >>> shift) & 15];
  }
  return s;
}

export function hex64(x: u64): string {
  const hi: u32 = Number(x >> 32n) >>> 0;
  const lo: u32 = Number(x & 0xffffffffn) >>> 0;
  return hex32(hi) + hex32(lo);
}

export function hexBytes(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    s = s + hex8(bytes[i]);
  }
  return s;
}
