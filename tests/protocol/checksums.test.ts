// CRC-32 and SHA-256 of core/protocol against Node's zlib and crypto, and COBS
// round trips with the lengths and runs where its blocks change.
import { createHash } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, crc32Update } from "../../core/protocol/crc32.ts";
import { Sha256 } from "../../core/protocol/sha256.ts";
import { cobsDecode, cobsEncode, cobsMaxEncodedLength } from "../../core/protocol/cobs.ts";
import { Random, ascii } from "./helpers.ts";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

function sha256Of(parts: Uint8Array[]): string {
  const h = new Sha256();
  for (const p of parts) h.update(p, 0, p.length);
  const out = new Uint8Array(32);
  h.digest(out, 0);
  return hex(out);
}

describe("crc32", () => {
  it("has the check value of CRC-32/ISO-HDLC", () => {
    expect(crc32(ascii("123456789"), 0, 9)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0), 0, 0)).toBe(0);
  });

  it("matches zlib on random inputs, whole and in pieces, at any offset", () => {
    const rnd = new Random(7);
    for (let round = 0; round < 200; round++) {
      const data = rnd.bytes(rnd.int(3000));
      const expected = zlibCrc32(data);
      expect(crc32(data, 0, data.length)).toBe(expected);
      const cut = rnd.int(data.length + 1);
      expect(crc32Update(crc32(data, 0, cut), data, cut, data.length - cut)).toBe(expected);
      const from = rnd.int(data.length + 1);
      expect(crc32(data, from, data.length - from)).toBe(zlibCrc32(data.subarray(from)));
    }
  });
});

describe("sha256", () => {
  it("gives the FIPS 180-4 digests of the standard messages", () => {
    expect(sha256Of([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Of([ascii("abc")])).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Of([ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")])).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("matches node:crypto on random inputs fed in random pieces (lengths around the 55/56/64 padding edges)", () => {
    const rnd = new Random(11);
    const lengths = [55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 4097];
    for (let round = 0; round < 150; round++) {
      const n = round < lengths.length ? lengths[round] : rnd.int(5000);
      const data = rnd.bytes(n);
      const parts: Uint8Array[] = [];
      for (let at = 0; at < n; ) {
        const k = Math.min(n - at, rnd.int(200));
        parts.push(data.subarray(at, at + k));
        at += k;
      }
      expect(sha256Of(parts)).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });

  it("starts over after a digest and writes at an offset", () => {
    const h = new Sha256();
    h.update(ascii("something else"), 0, 14);
    h.digest(new Uint8Array(32), 0);
    h.update(ascii("xabcx"), 1, 3);
    const out = new Uint8Array(40).fill(0xee);
    h.digest(out, 4);
    expect(hex(out.subarray(4, 36))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(out[3]).toBe(0xee);
    expect(out[36]).toBe(0xee);
  });
});

/** COBS-encodes data at an offset and back; returns the encoding. */
function roundTrip(data: Uint8Array): Uint8Array {
  const enc = new Uint8Array(cobsMaxEncodedLength(data.length) + 3);
  const n = cobsEncode(data, 0, data.length, enc, 3);
  expect(n).toBeLessThanOrEqual(cobsMaxEncodedLength(data.length));
  const encoded = enc.slice(3, 3 + n);
  expect(encoded.includes(0)).toBe(false);
  const dec = new Uint8Array(data.length + 2);
  expect(cobsDecode(encoded, 0, n, dec, 2, data.length)).toBe(data.length);
  expect(dec.subarray(2)).toEqual(data);
  return encoded;
}

describe("cobs", () => {
  it("encodes the textbook examples", () => {
    expect(Array.from(roundTrip(new Uint8Array([0])))).toEqual([1, 1]);
    expect(Array.from(roundTrip(new Uint8Array([0, 0])))).toEqual([1, 1, 1]);
    expect(Array.from(roundTrip(new Uint8Array([0x11, 0x22, 0, 0x33])))).toEqual([3, 0x11, 0x22, 2, 0x33]);
    expect(Array.from(roundTrip(new Uint8Array([0x11, 0, 0, 0])))).toEqual([2, 0x11, 1, 1, 1]);
    expect(Array.from(roundTrip(new Uint8Array(0)))).toEqual([1]);
  });

  it("splits non-zero runs of 254 and 255 bytes into full blocks", () => {
    const run = (n: number) => new Uint8Array(n).fill(0x41);
    const e254 = roundTrip(run(254));
    expect(e254[0]).toBe(0xff);
    expect(e254.length).toBe(256); // 0xff block, then an empty last block
    const e255 = roundTrip(run(255));
    expect(Array.from(e255.subarray(255))).toEqual([2, 0x41]);
    const e254z = roundTrip(new Uint8Array([...run(254), 0]));
    expect(Array.from(e254z.subarray(255))).toEqual([1, 1]);
    for (const n of [253, 508, 509, 762, 1032]) roundTrip(run(n));
  });

  it("round-trips random data with zeros and long runs", () => {
    const rnd = new Random(3);
    for (let round = 0; round < 300; round++) roundTrip(rnd.cobsy(rnd.int(1100)));
  });

  it("rejects malformed input and output that would not fit", () => {
    const out = new Uint8Array(16);
    expect(cobsDecode(new Uint8Array([3, 1]), 0, 2, out, 0, 16)).toBe(-1); // code past the end
    expect(cobsDecode(new Uint8Array([3, 1, 0]), 0, 3, out, 0, 16)).toBe(-1); // a zero inside
    expect(cobsDecode(new Uint8Array([2, 1, 0, 1]), 0, 4, out, 0, 16)).toBe(-1); // a zero code
    expect(cobsDecode(new Uint8Array(0), 0, 0, out, 0, 16)).toBe(-1);
    expect(cobsDecode(new Uint8Array([3, 1, 2, 2, 3]), 0, 5, out, 0, 4)).toBe(4);
    expect(cobsDecode(new Uint8Array([3, 1, 2, 2, 3]), 0, 5, out, 0, 3)).toBe(-1);
    expect(cobsDecode(new Uint8Array([3, 1, 2, 1]), 0, 4, out, 0, 2)).toBe(-1); // the implied zero does not fit
  });

  it("decodes in place", () => {
    const rnd = new Random(5);
    for (let round = 0; round < 50; round++) {
      const data = rnd.cobsy(rnd.int(600));
      const buf = new Uint8Array(cobsMaxEncodedLength(data.length));
      const n = cobsEncode(data, 0, data.length, buf, 0);
      expect(cobsDecode(buf, 0, n, buf, 0, buf.length)).toBe(data.length);
      expect(buf.subarray(0, data.length)).toEqual(data);
    }
  });
});
