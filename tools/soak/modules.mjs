// The modules the soak installs: valid WebAssembly commands of a chosen size
// whose `_start` returns at once (exit 0), each with a data segment of random
// bytes so that sizes and SHA-256 differ from one to the next. Built here
// byte by byte: no toolchain, any size from MIN_MODULE_BYTES up.
import { createHash } from "node:crypto";

/** A small, fast, seeded generator (mulberry32): the same seed gives the same soak. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** in [0, 1) */
    next,
    /** an integer in [lo, hi] */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    bool: () => next() < 0.5,
  };
}

function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function section(id, content) {
  return [id, ...leb(content.length), ...content];
}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const utf8 = (text) => [...Buffer.from(text)];
const name = (text) => [...leb(text.length), ...utf8(text)];

/**
 * The sections before the data: types () -> (), (i32) -> (), (i32, i32) -> ();
 * imports wasmcu.delay (func 0) and wasmcu.log (func 1) when used; `_start`;
 * one page of memory (64 KiB holds the largest data segment).
 */
function headSections({ waitMs, log }) {
  const imports = [];
  if (waitMs > 0) imports.push([...name("wasmcu"), ...name("delay"), 0, 1]);
  if (log) imports.push([...name("wasmcu"), ...name("log"), 0, 2]);
  const body = [0]; // no locals
  // the log record is the data segment's first bytes
  if (log) body.push(0x41, 0, 0x41, ...sleb(Buffer.byteLength(log)), 0x10, imports.length - 1);
  // wait for ever: loop { delay(waitMs) ; br 0 }
  if (waitMs > 0) body.push(0x03, 0x40, 0x41, ...sleb(waitMs), 0x10, 0, 0x0c, 0, 0x0b);
  body.push(0x0b);
  return [
    ...HEADER,
    ...section(1, [3, 0x60, 0, 0, 0x60, 1, 0x7f, 0, 0x60, 2, 0x7f, 0x7f, 0]),
    ...(imports.length > 0 ? section(2, [imports.length, ...imports.flat()]) : []),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [1, ...name("_start"), 0, imports.length]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ];
}

function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** The smallest module commandModule makes (with no options). */
export const MIN_MODULE_BYTES = headSections({ waitMs: 0, log: null }).length + 9;
/** The largest: the data segment must fit the one page of memory. */
export const MAX_MODULE_BYTES = 65536;

/**
 * A command of exactly `size` bytes whose data segment (random bytes from
 * `random`, an rng()) fills what the code leaves. Options: log (a text it
 * logs first with wasmcu.log), waitMs (then it waits for ever, calling
 * wasmcu.delay(waitMs) in a loop: it needs the clock capability). Without
 * waitMs its `_start` returns: exit 0.
 */
export function commandModule(size, random, { waitMs = 0, log = null } = {}) {
  const head = headSections({ waitMs, log });
  const text = log ? utf8(log) : [];
  if (size < head.length + 9 + text.length || size > MAX_MODULE_BYTES) throw new Error(`this soak module has ${head.length + 9 + text.length} to ${MAX_MODULE_BYTES} bytes, not ${size}`);
  // the data section: [count 1, flags 0, i32.const 0, end, length, bytes...], with LEB lengths that depend on the size
  let data = size - head.length - 8;
  for (let tries = 0; ; tries++) {
    const content = 1 + 1 + 3 + leb(data).length + data;
    const total = head.length + 1 + leb(content).length + content;
    if (total === size) break;
    if (tries > 8) throw new Error(`no data segment makes a module of exactly ${size} bytes`);
    data += size - total;
  }
  const segment = [1, 0, 0x41, 0, 0x0b, ...leb(data)];
  const prefix = [...head, 11, ...leb(segment.length + data), ...segment, ...text];
  const bytes = new Uint8Array(size);
  bytes.set(prefix);
  for (let i = prefix.length; i < size; i++) bytes[i] = Math.floor(random.next() * 256);
  return bytes;
}

export function sha256Hex(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
