// Reading the binary format: bytes, LEB128 integers, raw float bits and UTF-8
// names, with a sticky error instead of exceptions. After the first failure
// every read returns 0 and `pos` jumps to `end`, so loops stop by themselves;
// callers check `err.failed` (or `ok()`) before trusting what they read.
//
// LEB128 rules follow the spec (binary-leb128.wast): an N-bit integer takes at
// most ceil(N / 7) bytes ("integer representation too long"), and the unused
// bits of the last byte must be zero (unsigned) or copies of the sign bit
// (signed) ("integer too large").
import type { i32, u32, i64, f64 } from "../types";
import { LoadError } from "./module";

export class Reader {
  pos: i32;
  end: i32;
  /** the message for reading past `end`: the spec says "unexpected end" at module level and "unexpected end of section or function" inside one */
  eofMessage: string = "unexpected end";
  /** where invalid() records validation errors without stopping, when set */
  deferred: LoadError | null = null;

  constructor(
    readonly bytes: Uint8Array,
    start: i32,
    end: i32,
    readonly err: LoadError,
  ) {
    this.pos = start;
    this.end = end;
  }

  ok(): boolean {
    return !this.err.failed;
  }

  /** Records a decoding (malformed) error at `offset` and stops reading. */
  fail(offset: i32, message: string): boolean {
    this.err.fail(offset, message, true);
    this.pos = this.end;
    return false;
  }

  /**
   * Records a validation (invalid) error at `offset`. With `deferred` set, the
   * error goes there and reading goes on (the decoder reports every malformed
   * error before any invalid one, as the spec's decode-then-validate order
   * does); otherwise it stops reading like fail().
   */
  invalid(offset: i32, message: string): boolean {
    if (this.deferred !== null) {
      this.deferred.fail(offset, message, false);
      return false;
    }
    this.err.fail(offset, message, false);
    this.pos = this.end;
    return false;
  }

  /** Records a validation error after which reading cannot go on (the rest cannot be parsed), deferred or not. */
  invalidStop(offset: i32, message: string): boolean {
    this.err.fail(offset, message, false);
    this.pos = this.end;
    return false;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  remaining(): i32 {
    return this.pos < this.end ? (this.end - this.pos) | 0 : 0;
  }

  /** Fails unless `n` more bytes are there; true when they are. */
  need(n: i32): boolean {
    if (this.err.failed) return false;
    if (n < 0 || n > this.end - this.pos) return this.fail(this.pos, this.eofMessage);
    return true;
  }

  u8(): i32 {
    if (this.err.failed) return 0;
    if (this.pos >= this.end) {
      this.fail(this.pos, this.eofMessage);
      return 0;
    }
    const b = this.bytes[this.pos];
    this.pos++;
    return b;
  }

  /** The next byte without consuming it, or -1 at the end. */
  peek(): i32 {
    if (this.err.failed || this.pos >= this.end) return -1;
    return this.bytes[this.pos];
  }

  skip(n: i32): void {
    if (this.need(n)) this.pos = (this.pos + n) | 0;
  }

  /** An unsigned LEB128 of at most 32 bits. */
  u32(): u32 {
    const start = this.pos;
    let result: u32 = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (this.err.failed) return 0;
      if (i === 4) {
        if ((b & 0x80) !== 0) return this.tooLong(start) >>> 0;
        if ((b & 0x70) !== 0) return this.tooLarge(start) >>> 0;
        return (result | (b << 28)) >>> 0;
      }
      result = (result | ((b & 0x7f) << (7 * i))) >>> 0;
      if ((b & 0x80) === 0) return result;
    }
    return 0;
  }

  /** An unsigned LEB128 as an i32 index: values past 2^31 - 1 become 2^31 - 1 (out of range of every index space anyway). */
  index(): i32 {
    const v = this.u32();
    return v > 0x7fffffff ? 0x7fffffff : v | 0;
  }

  /** A signed LEB128 of at most 32 bits. */
  s32(): i32 {
    const start = this.pos;
    let result: i32 = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (this.err.failed) return 0;
      if (i === 4) {
        if ((b & 0x80) !== 0) return this.tooLong(start);
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) return this.tooLarge(start);
        return result | (b << 28);
      }
      result = result | ((b & 0x7f) << (7 * i));
      if ((b & 0x80) === 0) {
        const shift = 7 * (i + 1);
        // sign-extend from bit `shift`
        return (b & 0x40) !== 0 ? result | (-1 << shift) : result;
      }
    }
    return 0;
  }

  /** A signed LEB128 of at most 33 bits (block types): a negative value or a type index up to 2^32 - 1. */
  s33(): f64 {
    const start = this.pos;
    let result: f64 = 0;
    let scale: f64 = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (this.err.failed) return 0;
      if (i === 4) {
        if ((b & 0x80) !== 0) {
          this.tooLong(start);
          return 0;
        }
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) {
          this.tooLarge(start);
          return 0;
        }
        result += (b & 0x1f) * scale;
        // bit 32 is the sign: the value is result - 2^33 when set
        return (b & 0x10) !== 0 ? result - 8589934592 : result;
      }
      result += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return (b & 0x40) !== 0 ? result - scale : result;
    }
    return 0;
  }

  /** A signed LEB128 of at most 64 bits. */
  s64(): i64 {
    const start = this.pos;
    // bits 0..31 in lo, 32..63 in hi
    let lo: i32 = 0;
    let hi: i32 = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      if (this.err.failed) return 0n;
      const v = b & 0x7f;
      const shift = 7 * i;
      if (i === 9) {
        if ((b & 0x80) !== 0) {
          this.tooLong(start);
          return 0n;
        }
        if (v !== 0 && v !== 0x7f) {
          this.tooLarge(start);
          return 0n;
        }
        hi = hi | (v << 31);
        return joinWords(lo, hi);
      }
      if (shift < 32) {
        lo = lo | (v << shift);
        if (shift > 25) hi = hi | (v >>> (32 - shift));
      } else {
        hi = hi | (v << (shift - 32));
      }
      if ((b & 0x80) === 0) {
        const used = shift + 7;
        if ((b & 0x40) !== 0) {
          // sign-extend from bit `used`
          if (used < 32) {
            lo = lo | (-1 << used);
            hi = -1;
          } else {
            hi = hi | (-1 << (used - 32));
          }
        }
        return joinWords(lo, hi);
      }
    }
    return 0n;
  }

  /** Four bytes, little-endian, as the raw bits of an i32/f32. */
  word32(): i32 {
    if (!this.need(4)) return 0;
    const b = this.bytes;
    const p = this.pos;
    this.pos = (p + 4) | 0;
    return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
  }

  /** Eight bytes, little-endian, as the raw bits of an i64/f64. */
  word64(): i64 {
    const lo = this.word32();
    const hi = this.word32();
    return joinWords(lo, hi);
  }

  /**
   * A length-prefixed UTF-8 name. Returns the name's bytes as a view of the
   * module (no copy); fails with "malformed UTF-8 encoding" when they are not
   * valid UTF-8.
   */
  name(): Uint8Array {
    const len = this.u32();
    if (this.err.failed) return this.bytes.subarray(0, 0);
    if (len > this.end - this.pos) {
      this.fail(this.pos, "length out of bounds: name of " + len + " bytes, " + this.remaining() + " left");
      return this.bytes.subarray(0, 0);
    }
    const start = this.pos;
    const stop = (start + len) | 0;
    const bad = utf8Error(this.bytes, start, stop);
    if (bad >= 0) {
      this.fail(bad, "malformed UTF-8 encoding");
      return this.bytes.subarray(0, 0);
    }
    this.pos = stop;
    return this.bytes.subarray(start, stop);
  }

  /**
   * A vector count. Each element takes at least `minBytes` bytes, so a count
   * larger than the bytes left cannot be right: it fails here, before anyone
   * allocates from it.
   */
  count(minBytes: i32): i32 {
    const at = this.pos;
    const n = this.u32();
    if (this.err.failed) return 0;
    if (n * minBytes > this.end - this.pos) {
      this.fail(at, this.eofMessage + ": " + n + " entries cannot fit in the " + this.remaining() + " bytes left");
      return 0;
    }
    return n | 0;
  }

  private tooLong(start: i32): i32 {
    this.fail(start, "integer representation too long");
    return 0;
  }

  private tooLarge(start: i32): i32 {
    this.fail(start, "integer too large");
    return 0;
  }
}

/** The i64 whose low 32 bits are `lo` and high 32 bits are `hi`. */
export function joinWords(lo: i32, hi: i32): i64 {
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo >>> 0));
}

/** -1 when bytes[start, end) is valid UTF-8, else the offset of the first bad byte. */
export function utf8Error(bytes: Uint8Array, start: i32, end: i32): i32 {
  let p = start;
  while (p < end) {
    const b = bytes[p];
    if (b < 0x80) {
      p++;
      continue;
    }
    let extra = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return p;
    }
    if (end - p <= extra) return p;
    let cp = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[p + k];
      if ((c & 0xc0) !== 0x80) return p;
      cp = (cp << 6) | (c & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return p;
    p = (p + extra + 1) | 0;
  }
  return -1;
}
