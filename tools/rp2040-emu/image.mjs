// Firmware images for the emulated RP2040: what an ELF, a BIN or a UF2 puts
// into flash, as { offset, bytes } segments (offset from the start of flash,
// 0x10000000). Only what a real board would have in flash after flashing:
// ELF segments are placed at their load (physical) address, and one that
// loads into RAM is the reset handler's business (it copies .data itself).
import { readFileSync } from "node:fs";

export const FLASH_BASE = 0x10000000;
export const UF2_FAMILY_RP2040 = 0xe48bff56;
const UF2_MAGIC_START0 = 0x0a324655;
const UF2_MAGIC_START1 = 0x9e5d5157;
const UF2_MAGIC_END = 0x0ab16f30;
const UF2_FLAG_NOT_MAIN_FLASH = 0x1;
const UF2_FLAG_FAMILY_ID = 0x2000;

/** Whether flash address `address` (absolute) lies in the XIP window of a `flashSize` flash. */
const inFlash = (address, length, flashSize) => address >= FLASH_BASE && address + length <= FLASH_BASE + flashSize;

/** The loadable segments of an ELF32 little-endian ARM executable that lie in flash. */
export function elfSegments(bytes, flashSize) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== 0x7f454c46) throw new Error("not an ELF file");
  if (bytes[4] !== 1 || bytes[5] !== 1) throw new Error("not a 32-bit little-endian ELF (an RP2040 image is one)");
  if (view.getUint16(18, true) !== 40) throw new Error("not an ARM ELF");
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);
  const segments = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    const type = view.getUint32(at, true);
    const offset = view.getUint32(at + 4, true);
    const paddr = view.getUint32(at + 12, true);
    const filesz = view.getUint32(at + 16, true);
    if (type !== 1 || filesz === 0) continue;
    if (!inFlash(paddr, filesz, flashSize)) continue;
    segments.push({ offset: paddr - FLASH_BASE, bytes: bytes.slice(offset, offset + filesz) });
  }
  if (segments.length === 0) throw new Error("the ELF loads nothing into flash (0x10000000..)");
  return segments;
}

/**
 * The blocks of a UF2 file for the RP2040 (family 0xe48bff56), as segments;
 * checks each block's magic numbers, that blocks are numbered 0..n-1 and
 * that the payloads lie in flash.
 */
export function uf2Segments(bytes, flashSize) {
  if (bytes.length === 0 || bytes.length % 512 !== 0) throw new Error(`a UF2 file is whole 512-byte blocks; this one has ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = [];
  const count = bytes.length / 512;
  for (let block = 0; block < count; block++) {
    const at = block * 512;
    if (view.getUint32(at, true) !== UF2_MAGIC_START0 || view.getUint32(at + 4, true) !== UF2_MAGIC_START1 || view.getUint32(at + 508, true) !== UF2_MAGIC_END) {
      throw new Error(`UF2 block ${block}: bad magic numbers`);
    }
    const flags = view.getUint32(at + 8, true);
    const target = view.getUint32(at + 12, true);
    const size = view.getUint32(at + 16, true);
    const number = view.getUint32(at + 20, true);
    const total = view.getUint32(at + 24, true);
    const family = view.getUint32(at + 28, true);
    if (flags & UF2_FLAG_NOT_MAIN_FLASH) continue;
    if (flags & UF2_FLAG_FAMILY_ID && family !== UF2_FAMILY_RP2040) {
      throw new Error(`UF2 block ${block}: family 0x${family.toString(16)}, not the RP2040's 0x${UF2_FAMILY_RP2040.toString(16)}`);
    }
    if (number !== block || total !== count) throw new Error(`UF2 block ${block}: numbered ${number} of ${total}, expected ${block} of ${count}`);
    if (size > 476) throw new Error(`UF2 block ${block}: payload of ${size} bytes (at most 476)`);
    if (!inFlash(target, size, flashSize)) throw new Error(`UF2 block ${block}: target 0x${target.toString(16)} is outside the flash`);
    segments.push({ offset: target - FLASH_BASE, bytes: bytes.slice(at + 32, at + 32 + size) });
  }
  return segments;
}

/** The flash segments of an image file, by its contents (ELF magic, UF2 magic, else a raw BIN at offset 0). */
export function readImage(file, flashSize) {
  const bytes = new Uint8Array(readFileSync(file));
  return imageSegments(bytes, flashSize, file);
}

export function imageSegments(bytes, flashSize, name = "image") {
  if (bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return elfSegments(bytes, flashSize);
  if (bytes.length >= 8 && new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) === UF2_MAGIC_START0) return uf2Segments(bytes, flashSize);
  if (bytes.length > flashSize) throw new Error(`${name}: ${bytes.length} bytes do not fit the ${flashSize}-byte flash`);
  return [{ offset: 0, bytes }];
}

/**
 * CRC-32/MPEG-2 (polynomial 0x04c11db7, MSB first, initial 0xffffffff, no
 * final xor): the checksum the RP2040 boot ROM expects in bytes 252..255 of
 * boot2 over its first 252 bytes.
 */
export function crc32Mpeg2(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}
