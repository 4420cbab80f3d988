#!/usr/bin/env node
// UF2 files: what a board's USB mass-storage boot loader (the RP2040's
// BOOTSEL drive RPI-RP2) takes to replace its firmware.
//
// A UF2 file is a sequence of independent 512-byte blocks, each carrying a
// flash address and a payload (https://github.com/microsoft/uf2, format v1):
//
//   0   magic 0x0a324655 ("UF2\n")     16  payload size (256 here)
//   4   magic 0x9e5d5157               20  block number
//   8   flags                          24  number of blocks
//   12  target address                 28  family id (flag 0x2000 set)
//   32  payload (476 bytes, the rest zero)    508  magic 0x0ab16f30
//
// The RP2040 boot ROM wants 256-byte payloads at 256-byte aligned addresses
// in flash, and the family id 0xe48bff56; it ignores blocks of other families.
//
// Usage: node tools/flash/uf2.mjs <image.bin> <image.uf2> [--base 0x10000000] [--family 0xe48bff56]

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const UF2_BLOCK_SIZE = 512;
export const UF2_MAGIC_START0 = 0x0a324655;
export const UF2_MAGIC_START1 = 0x9e5d5157;
export const UF2_MAGIC_END = 0x0ab16f30;
export const UF2_FLAG_NOT_MAIN_FLASH = 0x00000001;
export const UF2_FLAG_FAMILY_ID_PRESENT = 0x00002000;
export const RP2040_FAMILY_ID = 0xe48bff56;
export const RP2040_FLASH_BASE = 0x10000000;
const PAYLOAD_CAPACITY = 476;

/**
 * The UF2 file for a flat binary image `bin` (Uint8Array) that belongs at
 * `base`: one block per `payloadSize` bytes, the last one padded with zeros.
 */
export function uf2FromBinary(bin, { base = RP2040_FLASH_BASE, familyId = RP2040_FAMILY_ID, payloadSize = 256 } = {}) {
  if (!(payloadSize > 0 && payloadSize <= PAYLOAD_CAPACITY && payloadSize % 4 === 0)) {
    throw new RangeError(`UF2 payload size must be a multiple of 4 up to ${PAYLOAD_CAPACITY}, not ${payloadSize}`);
  }
  if (base % payloadSize !== 0) throw new RangeError(`UF2 base address 0x${base.toString(16)} is not ${payloadSize}-aligned`);
  if (bin.length === 0) throw new RangeError("UF2: the image is empty");
  const count = Math.ceil(bin.length / payloadSize);
  const out = new Uint8Array(count * UF2_BLOCK_SIZE);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    const at = i * UF2_BLOCK_SIZE;
    view.setUint32(at + 0, UF2_MAGIC_START0, true);
    view.setUint32(at + 4, UF2_MAGIC_START1, true);
    view.setUint32(at + 8, UF2_FLAG_FAMILY_ID_PRESENT, true);
    view.setUint32(at + 12, base + i * payloadSize, true);
    view.setUint32(at + 16, payloadSize, true);
    view.setUint32(at + 20, i, true);
    view.setUint32(at + 24, count, true);
    view.setUint32(at + 28, familyId, true);
    out.set(bin.subarray(i * payloadSize, (i + 1) * payloadSize), at + 32);
    view.setUint32(at + UF2_BLOCK_SIZE - 4, UF2_MAGIC_END, true);
  }
  return out;
}

/**
 * The blocks of a UF2 file, checked: `{ address, data, flags, familyId,
 * blockNo, numBlocks }[]`. Throws (saying which block and why) on a file that
 * is not UF2 or whose blocks disagree.
 */
export function parseUf2(file) {
  if (file.length === 0 || file.length % UF2_BLOCK_SIZE !== 0) {
    throw new Error(`not a UF2 file: ${file.length} bytes is not a whole number of 512-byte blocks`);
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const blocks = [];
  for (let at = 0; at < file.length; at += UF2_BLOCK_SIZE) {
    const n = at / UF2_BLOCK_SIZE;
    const word = (offset) => view.getUint32(at + offset, true);
    if (word(0) !== UF2_MAGIC_START0 || word(4) !== UF2_MAGIC_START1 || word(508) !== UF2_MAGIC_END) {
      throw new Error(`not a UF2 file: block ${n} has no UF2 magic numbers`);
    }
    const size = word(16);
    if (size > PAYLOAD_CAPACITY) throw new Error(`UF2 block ${n}: payload size ${size} exceeds ${PAYLOAD_CAPACITY}`);
    const flags = word(8);
    blocks.push({
      address: word(12),
      data: file.subarray(at + 32, at + 32 + size),
      flags,
      familyId: flags & UF2_FLAG_FAMILY_ID_PRESENT ? word(28) : null,
      blockNo: word(20),
      numBlocks: word(24),
    });
  }
  blocks.forEach((b, i) => {
    if (b.blockNo !== i || b.numBlocks !== blocks.length) {
      throw new Error(`UF2 block ${i}: says it is block ${b.blockNo} of ${b.numBlocks}, the file has ${blocks.length}`);
    }
  });
  return blocks;
}

function parseNumber(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`--${name}: not a 32-bit number: ${text}`);
  return value;
}

function main(argv) {
  const files = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--base") options.base = parseNumber(argv[++i], "base");
    else if (argv[i] === "--family") options.familyId = parseNumber(argv[++i], "family");
    else files.push(argv[i]);
  }
  if (files.length !== 2) {
    console.error("usage: node tools/flash/uf2.mjs <image.bin> <image.uf2> [--base 0x10000000] [--family 0xe48bff56]");
    return 64;
  }
  const uf2 = uf2FromBinary(readFileSync(files[0]), options);
  writeFileSync(files[1], uf2);
  console.log(`${files[1]}: ${uf2.length / UF2_BLOCK_SIZE} blocks`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`uf2: ${e.message}`);
    process.exitCode = 1;
  }
}
