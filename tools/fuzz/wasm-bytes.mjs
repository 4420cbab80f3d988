// Reading and writing the pieces of the Wasm binary format the fuzzers need:
// LEB128, a growable byte buffer, and the section layout of a module.

export const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export class Bytes {
  constructor() {
    this.buf = new Uint8Array(256);
    this.length = 0;
  }
  grow(n) {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }
  byte(b) {
    this.grow(1);
    this.buf[this.length++] = b & 0xff;
    return this;
  }
  raw(bytes) {
    this.grow(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }
  u32(v) {
    return this.raw(uleb(v));
  }
  s32(v) {
    return this.raw(sleb(BigInt(v | 0)));
  }
  s64(v) {
    return this.raw(sleb(BigInt.asIntN(64, BigInt(v))));
  }
  f32bits(bits) {
    for (let i = 0; i < 4; i++) this.byte((bits >>> (8 * i)) & 0xff);
    return this;
  }
  f64bits(bits) {
    const u = BigInt.asUintN(64, bits);
    for (let i = 0n; i < 8n; i++) this.byte(Number((u >> (8n * i)) & 0xffn));
    return this;
  }
  /** A length-prefixed byte vector (a name, a section payload, a body). */
  sized(bytes) {
    return this.u32(bytes.length).raw(bytes);
  }
  bytes() {
    return this.buf.slice(0, this.length);
  }
}

/** Unsigned LEB128 of a number in [0, 2^32) (or a bigint), minimal length. */
export function uleb(v) {
  let x = BigInt(v);
  const out = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x !== 0n) b |= 0x80;
    out.push(b);
  } while (x !== 0n);
  return out;
}

/** Signed LEB128 of a bigint, minimal length. */
export function sleb(v) {
  let x = BigInt(v);
  const out = [];
  for (;;) {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    const done = (x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

/** LEB128 padded to `len` bytes (a valid, non-minimal encoding when len <= the type's maximum). */
export function ulebPadded(v, len) {
  let x = BigInt(v);
  const out = [];
  for (let i = 0; i < len; i++) {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    out.push(i < len - 1 ? b | 0x80 : b);
  }
  return out;
}

/** Reads an unsigned LEB128 at pos: { value (number, may exceed 2^32), next } or null when it runs off the end or past 10 bytes. */
export function readUleb(bytes, pos) {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= bytes.length) return null;
    const b = bytes[pos + i];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return { value, next: pos + i + 1 };
  }
  return null;
}

/** Skips a LEB128 of any signedness: the position after it, or -1. */
export function skipLeb(bytes, pos) {
  for (let i = 0; i < 10; i++) {
    if (pos + i >= bytes.length) return -1;
    if ((bytes[pos + i] & 0x80) === 0) return pos + i + 1;
  }
  return -1;
}

/**
 * The sections of a module: [{ id, start (of the id byte), payloadStart, end }],
 * or null when the layout itself is broken (bad header, size past the end).
 */
export function sections(bytes) {
  if (bytes.length < 8) return null;
  for (let i = 0; i < 8; i++) if (bytes[i] !== MAGIC[i]) return null;
  const out = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const size = readUleb(bytes, pos + 1);
    if (size === null) return null;
    const end = size.next + size.value;
    if (end > bytes.length) return null;
    out.push({ id, start: pos, payloadStart: size.next, end });
    pos = end;
  }
  return out;
}

/** Concatenates Uint8Arrays / byte lists. */
export function concat(parts) {
  const b = new Bytes();
  for (const p of parts) b.raw(p);
  return b.bytes();
}

/** A short hex digest (FNV-1a) of bytes, for file names and memory comparison. */
export function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** A 32-bit FNV-style hash of a memory's first `length` bytes, word by word (both engines' memories are hashed the same way). */
export function hashMemory(buffer, length) {
  const words = new Int32Array(buffer, 0, length >>> 2);
  let h = 0x811c9dc5 ^ length;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 16777619);
  const tail = new Uint8Array(buffer, words.length * 4, length & 3);
  for (let i = 0; i < tail.length; i++) h = Math.imul(h ^ tail[i], 16777619);
  return h >>> 0;
}
