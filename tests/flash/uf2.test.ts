// The UF2 writer (tools/flash/uf2.mjs): block layout per the UF2 spec and the
// RP2040 boot ROM's expectations, and the reader that checks a file.
import { describe, expect, it } from "vitest";
import {
  parseUf2,
  RP2040_FAMILY_ID,
  UF2_BLOCK_SIZE,
  UF2_FLAG_FAMILY_ID_PRESENT,
  uf2FromBinary,
} from "../../tools/flash/uf2.mjs";

const word = (bytes: Uint8Array, offset: number) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);

describe("uf2FromBinary", () => {
  const bin = Uint8Array.from({ length: 600 }, (_, i) => (i * 7 + 1) & 0xff);
  const uf2 = uf2FromBinary(bin);

  it("writes one 512-byte block per 256 bytes, the last one padded with zeros", () => {
    expect(uf2.length).toBe(3 * UF2_BLOCK_SIZE);
    const last = uf2.subarray(2 * UF2_BLOCK_SIZE);
    expect([...last.subarray(32, 32 + 88)]).toEqual([...bin.subarray(512)]);
    expect(last.subarray(32 + 88, 508).every((b) => b === 0)).toBe(true);
  });

  it("fills every header field as the RP2040 boot ROM reads it", () => {
    for (let i = 0; i < 3; i++) {
      const block = uf2.subarray(i * UF2_BLOCK_SIZE, (i + 1) * UF2_BLOCK_SIZE);
      expect(word(block, 0)).toBe(0x0a324655);
      expect(word(block, 4)).toBe(0x9e5d5157);
      expect(word(block, 8)).toBe(0x00002000);
      expect(word(block, 12)).toBe(0x10000000 + 256 * i);
      expect(word(block, 16)).toBe(256);
      expect(word(block, 20)).toBe(i);
      expect(word(block, 24)).toBe(3);
      expect(word(block, 28)).toBe(0xe48bff56);
      expect(word(block, 508)).toBe(0x0ab16f30);
    }
  });

  it("round-trips through parseUf2", () => {
    const blocks = parseUf2(uf2);
    expect(blocks.map((b) => b.address)).toEqual([0x10000000, 0x10000100, 0x10000200]);
    expect(blocks.every((b) => b.familyId === RP2040_FAMILY_ID && b.flags === UF2_FLAG_FAMILY_ID_PRESENT)).toBe(true);
    const joined = new Uint8Array(blocks.flatMap((b) => [...b.data]));
    expect([...joined.subarray(0, bin.length)]).toEqual([...bin]);
  });

  it("takes another base address and family", () => {
    const blocks = parseUf2(uf2FromBinary(new Uint8Array(10), { base: 0x20000000, familyId: 0x12345678 }));
    expect(blocks).toHaveLength(1);
    expect(blocks[0].address).toBe(0x20000000);
    expect(blocks[0].familyId).toBe(0x12345678);
  });

  it("refuses an empty image, an unaligned base and an oversized payload", () => {
    expect(() => uf2FromBinary(new Uint8Array(0))).toThrow(/empty/);
    expect(() => uf2FromBinary(new Uint8Array(4), { base: 0x10000080 })).toThrow(/aligned/);
    expect(() => uf2FromBinary(new Uint8Array(4), { payloadSize: 512 })).toThrow(/payload size/);
  });
});

describe("parseUf2", () => {
  it("refuses what is not UF2, naming the block", () => {
    expect(() => parseUf2(new Uint8Array(100))).toThrow(/whole number of 512-byte blocks/);
    const uf2 = uf2FromBinary(new Uint8Array(1024));
    const broken = uf2.slice();
    broken[UF2_BLOCK_SIZE + 508] ^= 1;
    expect(() => parseUf2(broken)).toThrow(/block 1 has no UF2 magic/);
    const reordered = new Uint8Array([...uf2.subarray(UF2_BLOCK_SIZE, 2 * UF2_BLOCK_SIZE), ...uf2.subarray(0, UF2_BLOCK_SIZE), ...uf2.subarray(2 * UF2_BLOCK_SIZE)]);
    expect(() => parseUf2(reordered)).toThrow(/block 0: says it is block 1/);
  });
});
