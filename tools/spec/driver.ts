// The spec runner's native driver: the engine compiled to C by stc, driven by
// tools/spec/run.mjs (--backend c) over stdin/stdout, one process per script.
// All the work is done by SpecSession (session.ts), the same code the JS
// backend runs in-process; this file only speaks the protocol.
//
// Protocol: one request per line on stdin, one reply line on stdout.
//   Bytes (a module's binary, a name: UTF-8) are written as "s" followed by
//   their hex ("s" alone is empty); a module reference is a name or "-", the
//   current module. A value is 16 hex digits: the raw 64-bit slot bits
//   (core/engine/README.md, "Values").
//
//   V <bytes>                        decode and validate only
//   M <name|-> <bytes>               load and instantiate; on success it is
//                                    the current module (and named, unless -)
//   R <as-name> <name|->             register a module's exports as <as-name>
//   I <name|-> <export> <value>...   invoke an exported function
//   G <name|-> <export>              read an exported global
//   F <0|1>                          multi-memory off / on for later loads
//
// Replies:
//   ok [<value>...]                  success (results of I, the value of G)
//   malformed <text> | invalid <text> | unlinkable <text> | limit <text>
//   trap <code> <text>               a trap (of I, or of M's instantiation);
//                                    <code> is core/engine/types.ts's Trap
//   error <text>                     a bad request, or no such module/export
//
// The natives (driver.native.c) read a line of stdin into our bytes and write
// bytes and strings to stdout; STS itself parses the protocol.
import type { i32 } from "../../core/types";
import { Limits } from "../../core/engine/types";
import { Outcome, SpecSession } from "./session";

/** Reads the next line of stdin (without its newline) into the native's buffer: its length, or -1 at the end of input. */
declare function spec_read_line(): i32;
/** Copies the line read last into dst (dst.length >= its length). */
declare function spec_line_bytes(dst: Uint8Array): void;
/** Writes bytes[0 .. n) to stdout. */
declare function spec_write(bytes: Uint8Array, n: i32): void;
/** Writes a string's UTF-8 bytes to stdout, line breaks as spaces. */
declare function spec_write_text(s: string): void;
/** Ends the reply line and flushes stdout. */
declare function spec_end_line(): void;

const session = new SpecSession(new Limits());
let line = new Uint8Array(1 << 16);
/** the arguments and results of an invoke: slot s is words[2s] (low) and words[2s+1] (high) */
const MAX_VALUES: i32 = 1024;
const valueBuf = new ArrayBuffer(MAX_VALUES * 8);
const argWords = new Int32Array(valueBuf);
const args = new BigInt64Array(valueBuf);
const resultBuf = new ArrayBuffer(MAX_VALUES * 8);
const resultWords = new Int32Array(resultBuf);
const results = new BigInt64Array(resultBuf);
const out = new Uint8Array(32 + MAX_VALUES * 17);
const HEX_DIGITS = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

// ---- request parsing: `req` is the line, `pos` the cursor

let req = line.subarray(0, 0);
let pos = 0;

function hexValue(c: i32): i32 {
  if (c >= 48 && c <= 57) return (c - 48) | 0;
  if (c >= 97 && c <= 102) return (c - 87) | 0;
  if (c >= 65 && c <= 70) return (c - 55) | 0;
  return -1;
}

/** Skips one space; true when a token follows. */
function nextToken(): boolean {
  if (pos < req.length && req[pos] === 32) pos++;
  return pos < req.length;
}

/** The end of the token at pos. */
function tokenEnd(): i32 {
  let e = pos;
  while (e < req.length && req[e] !== 32) e++;
  return e;
}

/** Hex digits [from, to) as bytes into dst; false when they are not hex. */
function hexBytes(from: i32, to: i32, dst: Uint8Array): boolean {
  for (let i = 0; i < dst.length; i++) {
    const hi = hexValue(req[(from + 2 * i) | 0]);
    const lo = hexValue(req[(from + 2 * i + 1) | 0]);
    if (hi < 0 || lo < 0) return false;
    dst[i] = (hi << 4) | lo;
  }
  return (to - from) === 2 * dst.length;
}

/** A bytes token ("s" + hex). Null (with `badRequest` set) when malformed. */
let badRequest = false;
function readBytes(): Uint8Array | null {
  if (!nextToken() || req[pos] !== 115) {
    badRequest = true;
    return null;
  }
  const end = tokenEnd();
  const from = (pos + 1) | 0;
  const n = (end - from) >> 1;
  const bytes = new Uint8Array(n);
  if (!hexBytes(from, end, bytes)) badRequest = true;
  pos = end;
  return bytes;
}

/** A module reference: "-" (null: the current module) or a name. */
function readModuleRef(): Uint8Array | null {
  if (nextToken() && req[pos] === 45) {
    pos++;
    return null;
  }
  return readBytes();
}

/** 16 hex digits into slot `slot` of argWords; false when malformed. */
function readValue(slot: i32): boolean {
  const end = tokenEnd();
  if (end - pos !== 16) return false;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 16; i++) {
    const d = hexValue(req[(pos + i) | 0]);
    if (d < 0) return false;
    if (i < 8) hi = (hi << 4) | d;
    else lo = (lo << 4) | d;
  }
  argWords[2 * slot] = lo;
  argWords[(2 * slot + 1) | 0] = hi;
  pos = end;
  return true;
}

// ---- replies

function writeWord(at: i32, w: i32): i32 {
  for (let shift = 28; shift >= 0; shift -= 4) {
    out[at] = HEX_DIGITS[(w >>> shift) & 15];
    at++;
  }
  return at;
}

function replyText(kind: string, text: string): void {
  spec_write_text(kind);
  spec_write_text(" ");
  spec_write_text(text);
  spec_end_line();
}

function replyOk(count: i32): void {
  out[0] = 111; // "ok"
  out[1] = 107;
  let at = 2;
  for (let s = 0; s < count; s++) {
    out[at] = 32;
    at = writeWord((at + 1) | 0, resultWords[(2 * s + 1) | 0]);
    at = writeWord(at, resultWords[2 * s]);
  }
  spec_write(out, at);
  spec_end_line();
}

function reply(outcome: i32): void {
  switch (outcome) {
    case Outcome.Ok:
      replyOk(session.resultCount);
      return;
    case Outcome.Malformed:
      replyText("malformed", session.message);
      return;
    case Outcome.Invalid:
      replyText("invalid", session.message);
      return;
    case Outcome.Unlinkable:
      replyText("unlinkable", session.message);
      return;
    case Outcome.LimitExceeded:
      replyText("limit", session.message);
      return;
    case Outcome.Trapped:
      replyText("trap", session.trap + " " + session.message);
      return;
  }
  replyText("error", session.message);
}

// ---- the requests

function handle(): void {
  badRequest = false;
  const op = req.length > 0 ? req[0] : 0;
  pos = 1;
  switch (op) {
    case 86: { // V
      const bytes = readBytes();
      if (bytes === null || badRequest) break;
      reply(session.check(bytes));
      return;
    }
    case 77: { // M
      const name = readModuleRef();
      const bytes = readBytes();
      if (bytes === null || badRequest) break;
      reply(session.module(bytes, name));
      return;
    }
    case 82: { // R
      const as = readBytes();
      const name = readModuleRef();
      if (as === null || badRequest) break;
      reply(session.register(as, name));
      return;
    }
    case 73: { // I
      const name = readModuleRef();
      const field = readBytes();
      if (field === null || badRequest) break;
      let n = 0;
      while (nextToken()) {
        if (n === MAX_VALUES || !readValue(n)) {
          badRequest = true;
          break;
        }
        n++;
      }
      if (badRequest) break;
      reply(session.invoke(name, field, args.subarray(0, n), results));
      return;
    }
    case 70: { // F
      if (req.length !== 3 || (req[2] !== 48 && req[2] !== 49)) break;
      session.features.multiMemory = req[2] === 49;
      replyOk(0);
      return;
    }
    case 71: { // G
      const name = readModuleRef();
      const field = readBytes();
      if (field === null || badRequest) break;
      reply(session.get(name, field, results));
      return;
    }
  }
  replyText("error", "bad request");
}

for (;;) {
  const n = spec_read_line();
  if (n < 0) break;
  if (n > line.length) line = new Uint8Array(n + (n >> 1));
  spec_line_bytes(line);
  req = line.subarray(0, n);
  handle();
}
