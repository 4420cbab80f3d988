// Frames on the link: 0x00, COBS(payload), 0x00, where payload = type u8,
// flags u8, id u16le, body (0..maxBody bytes), CRC-32 u32le over type..body.
// docs/protocol.md, "Frames" and "Text outside frames", is the byte-by-byte
// definition; this file is its code, shared by the device (STS -> C) and the
// host (JS).
//
// Reading: FrameReader takes the received bytes one at a time and says, per
// byte, whether that byte completed something:
//
//   const reader = new FrameReader(MAX_BODY);
//   for (each received byte b) {
//     switch (reader.push(b)) {
//       case ReadEvent.Frame:   reader.type, reader.flags, reader.id and the body,
//                               reader.buffer[BODY_OFFSET .. BODY_OFFSET + reader.bodyLength)
//       case ReadEvent.Text:    printable text: reader.buffer[0 .. reader.textLength)
//       case ReadEvent.Corrupt: reader.corruption says why; reader.corruptCount counts them
//     }
//   }
//
// What an event shows lives in the reader's one buffer and is valid until the
// next push: copy what you keep. The reader allocates nothing after its
// construction.
//
// Writing: FrameWriter builds one frame at a time in its `out` buffer, either
// from a body written in place into `writer.body` (no copy: give `body` to a
// BodyWriter of messages.ts) or from a body passed in:
//
//   const writer = new FrameWriter(MAX_BODY);
//   const n = writer.encode(type, 0, id, bodyBytes, 0, bodyLength);  // or:
//   const n = writer.finish(type, 0, id, bodyLength);                // body already in writer.body
//   send writer.out[0 .. n)
import type { i32, u8, u16, u32 } from "../types";
import { crc32 } from "./crc32";
import { cobsDecode, cobsEncode, cobsMaxEncodedLength } from "./cobs";

/** The largest body a version-1 peer sends or accepts. */
export const MAX_BODY = 1024;
/** type, flags, id. */
export const HEADER_SIZE = 4;
/** Where a frame's body starts in its payload (and in FrameReader.buffer after a Frame event). */
export const BODY_OFFSET = 4;
export const CRC_SIZE = 4;

/** The bytes of a frame with a body of `maxBody` bytes at most on the wire, both 0x00 delimiters included. */
export function maxFrameLength(maxBody: i32): i32 {
  return (cobsMaxEncodedLength((HEADER_SIZE + maxBody + CRC_SIZE) | 0) + 2) | 0;
}

/** What a byte pushed into a FrameReader completed. */
export enum ReadEvent {
  None = 0,
  Frame = 1,
  Text = 2,
  Corrupt = 3,
}

/** Why bytes between two delimiters were not a frame (FrameReader.corruption). */
export enum Corruption {
  None = 0,
  /** not a COBS encoding (a code byte pointing past the end) */
  BadCobs = 1,
  /** decodes to fewer bytes than a header and a CRC */
  TooShort = 2,
  /** the CRC-32 does not match */
  BadCrc = 3,
  /** longer than the largest frame: the reader drops bytes up to the next 0x00 */
  TooLong = 4,
}

/** A receiver of frames and text: a state machine fed one byte at a time (see the file header). */
export class FrameReader {
  /** The bytes since the last delimiter; after a Frame event the decoded payload, after a Text event the text. */
  buffer: Uint8Array;
  maxBody: i32;
  /** Filled by a Frame event. */
  type: u8 = 0;
  flags: u8 = 0;
  id: u16 = 0;
  bodyLength: i32 = 0;
  /** Filled by a Text event. */
  textLength: i32 = 0;
  /** Filled by a Corrupt event. */
  corruption: Corruption = Corruption.None;
  /** Corrupt events so far. */
  corruptCount: u32 = 0;
  /** Frame events so far. */
  frameCount: u32 = 0;
  /** Bytes stored since the last delimiter (or text event). */
  length: i32 = 0;
  /** Every byte since the last delimiter (or text event) is printable text so far. */
  printable: boolean = true;
  /** Continuation bytes still due by the UTF-8 sequence being read. */
  utf8Pending: i32 = 0;
  /** Too long to be a frame: dropping bytes up to the next 0x00. */
  skipping: boolean = false;

  constructor(maxBody: i32) {
    this.maxBody = maxBody;
    this.buffer = new Uint8Array((maxFrameLength(maxBody) - 2) | 0);
  }

  /** Forgets a partly received frame or text (the counters stay). */
  reset(): void {
    this.length = 0;
    this.printable = true;
    this.utf8Pending = 0;
    this.skipping = false;
  }

  /** Takes the next received byte; returns what it completed (ReadEvent.None most of the time). */
  push(byte: u8): ReadEvent {
    if (byte === 0) {
      return this.endSegment();
    }
    if (this.skipping) {
      return ReadEvent.None;
    }
    if (this.printable) {
      this.printable = this.continuesText(byte);
    }
    if (this.length === this.buffer.length) {
      // only bytes that are not text get here (text is handed out before the buffer is full)
      this.skipping = true;
      return this.corrupt(Corruption.TooLong);
    }
    this.buffer[this.length] = byte;
    this.length++;
    if (this.printable && this.utf8Pending === 0 && (byte === 0x0a || this.length >= this.buffer.length - 4)) {
      // a line (or a buffer's worth) of text is shown at once: a board that prints
      // a panic message and stops sends no delimiter after it
      return this.text();
    }
    return ReadEvent.None;
  }

  /** Whether `byte` keeps the bytes since the delimiter printable UTF-8 text (CR, LF and TAB allowed). */
  continuesText(byte: u8): boolean {
    if (this.utf8Pending > 0) {
      if ((byte & 0xc0) !== 0x80) {
        return false;
      }
      this.utf8Pending--;
      return true;
    }
    if (byte >= 0x20 && byte < 0x7f) {
      return true;
    }
    if (byte === 0x09 || byte === 0x0a || byte === 0x0d) {
      return true;
    }
    if (byte >= 0xc2 && byte <= 0xdf) {
      this.utf8Pending = 1;
      return true;
    }
    if (byte >= 0xe0 && byte <= 0xef) {
      this.utf8Pending = 2;
      return true;
    }
    if (byte >= 0xf0 && byte <= 0xf4) {
      this.utf8Pending = 3;
      return true;
    }
    return false;
  }

  /** A 0x00: the bytes since the previous one are a frame, text, or corrupt. */
  endSegment(): ReadEvent {
    const length = this.length;
    const printable = this.printable && this.utf8Pending === 0;
    const skipped = this.skipping;
    this.reset();
    if (length === 0 || skipped) {
      // back to back delimiters, or the end of an over-long run (already reported)
      return ReadEvent.None;
    }
    if (printable) {
      // a version-1 frame starts with the COBS code 0x02 (flags is 0), never printable
      this.textLength = length;
      return ReadEvent.Text;
    }
    const buffer = this.buffer;
    const n = cobsDecode(buffer, 0, length, buffer, 0, buffer.length);
    if (n < 0) {
      return this.corrupt(Corruption.BadCobs);
    }
    if (n < HEADER_SIZE + CRC_SIZE) {
      return this.corrupt(Corruption.TooShort);
    }
    const bodyLength = (n - HEADER_SIZE - CRC_SIZE) | 0;
    if (bodyLength > this.maxBody) {
      return this.corrupt(Corruption.TooLong);
    }
    const crcAt = (n - CRC_SIZE) | 0;
    const sent =
      (buffer[crcAt] | (buffer[crcAt + 1] << 8) | (buffer[crcAt + 2] << 16) | (buffer[crcAt + 3] << 24)) >>> 0;
    if (crc32(buffer, 0, crcAt) !== sent) {
      return this.corrupt(Corruption.BadCrc);
    }
    this.type = buffer[0];
    this.flags = buffer[1];
    this.id = buffer[2] | (buffer[3] << 8);
    this.bodyLength = bodyLength;
    this.frameCount = (this.frameCount + 1) >>> 0;
    return ReadEvent.Frame;
  }

  text(): ReadEvent {
    this.textLength = this.length;
    this.length = 0;
    return ReadEvent.Text;
  }

  corrupt(why: Corruption): ReadEvent {
    this.corruption = why;
    this.corruptCount = (this.corruptCount + 1) >>> 0;
    return ReadEvent.Corrupt;
  }
}

/** A sender of frames: builds one frame at a time in `out` (see the file header). */
export class FrameWriter {
  maxBody: i32;
  /** header, body, CRC: what COBS encodes. */
  payload: Uint8Array;
  /** The body area of the payload: write a body here, then call finish(). */
  body: Uint8Array;
  /** The last frame built: out[0 .. length). */
  out: Uint8Array;
  length: i32 = 0;

  constructor(maxBody: i32) {
    this.maxBody = maxBody;
    this.payload = new Uint8Array((HEADER_SIZE + maxBody + CRC_SIZE) | 0);
    this.body = this.payload.subarray(HEADER_SIZE, HEADER_SIZE + maxBody);
    this.out = new Uint8Array(maxFrameLength(maxBody));
  }

  /**
   * Frames the body already in body[0 .. bodyLength) under this header.
   * Returns the frame's length in `out`, or -1 if bodyLength is negative or
   * over maxBody.
   */
  finish(type: u8, flags: u8, id: u16, bodyLength: i32): i32 {
    if (bodyLength < 0 || bodyLength > this.maxBody) {
      this.length = 0;
      return -1;
    }
    const p = this.payload;
    p[0] = type;
    p[1] = flags;
    p[2] = id;
    p[3] = id >>> 8;
    const crcAt = (HEADER_SIZE + bodyLength) | 0;
    const crc = crc32(p, 0, crcAt);
    p[crcAt] = crc;
    p[crcAt + 1] = crc >>> 8;
    p[crcAt + 2] = crc >>> 16;
    p[crcAt + 3] = crc >>> 24;
    const out = this.out;
    out[0] = 0;
    const n = cobsEncode(p, 0, (crcAt + CRC_SIZE) | 0, out, 1);
    out[n + 1] = 0;
    this.length = (n + 2) | 0;
    return this.length;
  }

  /** Frames body[offset .. offset+length) (copied into `this.body` first); returns as finish() does. */
  encode(type: u8, flags: u8, id: u16, body: Uint8Array, offset: i32, length: i32): i32 {
    if (length < 0 || length > this.maxBody) {
      this.length = 0;
      return -1;
    }
    this.body.set(body.subarray(offset, offset + length), 0);
    return this.finish(type, flags, id, length);
  }
}
