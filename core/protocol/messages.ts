// The messages carried in frames' bodies (docs/protocol.md, "Messages", is
// the byte-by-byte definition): the type and error numbering, the body
// writer and reader (little-endian numbers, strings with a u8 length, blobs
// with a u16 length), and one class per message that has fields, with
// encode(w) and decode(r). The device and the host both use these, so
// nobody packs bytes by hand.
//
// Writing a body (into a FrameWriter's body area, or any Uint8Array):
//   const w = new BodyWriter(frameWriter.body);
//   w.reset(); msg.encode(w);          // or w.u32(..), w.text(".."), ...
//   if (!w.bad) frameWriter.finish(MsgType.UploadAck, 0, id, w.length);
// Reading one (after a FrameReader Frame event):
//   const r = new BodyReader();
//   r.reset(reader.buffer, BODY_OFFSET, reader.bodyLength);
//   if (msg.decode(r)) ... else reply ErrorCode.BadRequest
//
// Errors are values: a writer or reader that meets a field that does not fit
// (no room left, a string over 255 bytes, a body that ends early) sets its
// sticky `bad` flag, and decode() returns false. A reader ignores bytes after
// the fields it knows (a newer peer may append fields; docs/protocol.md,
// "Versions").
//
// Strings and blobs read from a body are views into the frame's buffer (no
// copy, no allocation): they are valid until the FrameReader's next push.
// Copy (slice) what you keep; the host turns text into a JS string with
// TextDecoder. Strings hold UTF-8 bytes; BodyWriter.text() takes a JS/STS
// string.
import type { i32, u8, u16, u32 } from "../types";
import { utf8 } from "../text";

/** The protocol's major version: HELLO carries it, a device refuses another one (ErrorCode.VersionMismatch). */
export const PROTOCOL_VERSION = 1;

/** Bytes of a SHA-256 digest field. */
export const HASH_SIZE = 32;

/**
 * Frame types. Requests (host -> device) are 0x01..0x3f, replies 0x80..0xbf
 * (a request's own reply is the request's type | 0x80), events (device ->
 * host, id 0) 0xc0..0xff.
 */
export enum MsgType {
  Hello = 0x01,
  Info = 0x02,
  List = 0x03,
  UploadBegin = 0x04,
  UploadChunk = 0x05,
  UploadCommit = 0x06,
  Start = 0x07,
  Stop = 0x08,
  Remove = 0x09,
  SetAutostart = 0x0a,
  Safe = 0x0b,
  Reset = 0x0c,
  Logs = 0x0d,
  Ping = 0x0e,
  /** reset into the board's own USB bootloader (RP2040: BOOTSEL), to be flashed */
  Bootloader = 0x0f,

  /** the reply of requests that return nothing: UPLOAD_COMMIT, START, STOP, REMOVE, SET_AUTOSTART, SAFE, RESET */
  Ok = 0x80,
  HelloOk = 0x81,
  InfoOk = 0x82,
  ListOk = 0x83,
  UploadReady = 0x84,
  UploadAck = 0x85,
  LogsOk = 0x8d,
  Pong = 0x8e,
  /** UPLOAD_BEGIN's other reply: the device already holds these bytes under this name */
  UploadSkipped = 0x94,
  Error = 0xbf,

  Log = 0xc0,
  Exit = 0xc1,
}

/** ERROR's code: what went wrong (the message says more, for people). */
export enum ErrorCode {
  /** a corrupt frame arrived (sent with id 0: the id of a corrupt frame is unknown) */
  BadFrame = 1,
  UnknownType = 2,
  /** the body does not decode as the request's fields, or a field is out of range */
  BadRequest = 3,
  NoSuchModule = 4,
  /** no room in RAM or flash for this module */
  TooLarge = 5,
  HashMismatch = 6,
  /** the module does not load; the message is the load error */
  InvalidModule = 7,
  /** the module imports what its capabilities do not grant; the message names it */
  CapabilityDenied = 8,
  Busy = 9,
  UploadOutOfOrder = 10,
  NoUpload = 11,
  StoreFull = 12,
  StoreError = 13,
  Internal = 14,
  /** HELLO with another major protocol version */
  VersionMismatch = 15,
}

/** UPLOAD_BEGIN's mode. */
export enum UploadMode {
  /** run from RAM now, keep nothing */
  Run = 0,
  /** store in flash (atomically, at commit) */
  Install = 1,
}

/** LIST entries' state. */
export enum ModuleState {
  Stored = 0,
  Running = 1,
  Exited = 2,
  Trapped = 3,
  Stopped = 4,
  /** failed and waits before the supervisor restarts it */
  Backoff = 5,
}

/** LOG records' stream. */
export enum LogStream {
  Stdout = 1,
  Stderr = 2,
  /** the module's `log` import */
  Log = 3,
  /** the supervisor's own messages about this module (or the device, with an empty name) */
  Supervisor = 4,
}

/** EXIT's kind. */
export enum ExitKind {
  /** returned from _start or called proc_exit: `code` is its status */
  Exited = 0,
  /** trapped: `code` is the engine's Trap number, the message its text */
  Trapped = 1,
  /** stopped by STOP, REMOVE, SAFE or a new upload of the same name */
  Stopped = 2,
  /** never started: refused at load or instantiation (the message says why) */
  Refused = 3,
}

/** DeviceInfo.features: bits of what the engine supports beyond the Wasm 2.0 core. */
export enum EngineFeature {
  TailCall = 1,
  ExtendedConst = 2,
  CustomPageSizes = 4,
  Wasi = 8,
}

/** The name of a frame type, for messages and traces ("0x42" style numbers for unknown ones are the caller's). */
export function msgTypeName(type: i32): string {
  switch (type) {
    case MsgType.Hello: return "HELLO";
    case MsgType.Info: return "INFO";
    case MsgType.List: return "LIST";
    case MsgType.UploadBegin: return "UPLOAD_BEGIN";
    case MsgType.UploadChunk: return "UPLOAD_CHUNK";
    case MsgType.UploadCommit: return "UPLOAD_COMMIT";
    case MsgType.Start: return "START";
    case MsgType.Stop: return "STOP";
    case MsgType.Remove: return "REMOVE";
    case MsgType.SetAutostart: return "SET_AUTOSTART";
    case MsgType.Safe: return "SAFE";
    case MsgType.Reset: return "RESET";
    case MsgType.Logs: return "LOGS";
    case MsgType.Ping: return "PING";
    case MsgType.Bootloader: return "BOOTLOADER";
    case MsgType.Ok: return "OK";
    case MsgType.HelloOk: return "HELLO_OK";
    case MsgType.InfoOk: return "INFO_OK";
    case MsgType.ListOk: return "LIST_OK";
    case MsgType.UploadReady: return "UPLOAD_READY";
    case MsgType.UploadAck: return "UPLOAD_ACK";
    case MsgType.LogsOk: return "LOGS_OK";
    case MsgType.Pong: return "PONG";
    case MsgType.UploadSkipped: return "UPLOAD_SKIPPED";
    case MsgType.Error: return "ERROR";
    case MsgType.Log: return "LOG";
    case MsgType.Exit: return "EXIT";
    default: return "type " + type;
  }
}

/** The name of an error code, as docs/protocol.md spells it. */
export function errorCodeName(code: i32): string {
  switch (code) {
    case ErrorCode.BadFrame: return "BadFrame";
    case ErrorCode.UnknownType: return "UnknownType";
    case ErrorCode.BadRequest: return "BadRequest";
    case ErrorCode.NoSuchModule: return "NoSuchModule";
    case ErrorCode.TooLarge: return "TooLarge";
    case ErrorCode.HashMismatch: return "HashMismatch";
    case ErrorCode.InvalidModule: return "InvalidModule";
    case ErrorCode.CapabilityDenied: return "CapabilityDenied";
    case ErrorCode.Busy: return "Busy";
    case ErrorCode.UploadOutOfOrder: return "UploadOutOfOrder";
    case ErrorCode.NoUpload: return "NoUpload";
    case ErrorCode.StoreFull: return "StoreFull";
    case ErrorCode.StoreError: return "StoreError";
    case ErrorCode.Internal: return "Internal";
    case ErrorCode.VersionMismatch: return "VersionMismatch";
    default: return "error " + code;
  }
}

const EMPTY = new Uint8Array(0);

/** Writes body fields into bytes[0 ..), little-endian; `bad` once something did not fit. */
export class BodyWriter {
  bytes: Uint8Array;
  /** Bytes written so far. */
  length: i32 = 0;
  bad: boolean = false;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  reset(): void {
    this.length = 0;
    this.bad = false;
  }

  /** Whether n more bytes fit; if not, the writer turns bad. */
  room(n: i32): boolean {
    if (this.bad || n > this.bytes.length - this.length) {
      this.bad = true;
      return false;
    }
    return true;
  }

  u8(v: u8): void {
    if (this.room(1)) {
      this.bytes[this.length] = v;
      this.length++;
    }
  }

  bool(v: boolean): void {
    this.u8(v ? 1 : 0);
  }

  u16(v: u16): void {
    if (this.room(2)) {
      const b = this.bytes;
      const at = this.length;
      b[at] = v;
      b[at + 1] = v >>> 8;
      this.length = (at + 2) | 0;
    }
  }

  u32(v: u32): void {
    if (this.room(4)) {
      const b = this.bytes;
      const at = this.length;
      b[at] = v;
      b[at + 1] = v >>> 8;
      b[at + 2] = v >>> 16;
      b[at + 3] = v >>> 24;
      this.length = (at + 4) | 0;
    }
  }

  i32(v: i32): void {
    this.u32(v >>> 0);
  }

  /** src[offset .. offset+length) as they are (no length prefix). */
  raw(src: Uint8Array, offset: i32, length: i32): void {
    if (length >= 0 && this.room(length)) {
      this.bytes.set(src.subarray(offset, offset + length), this.length);
      this.length = (this.length + length) | 0;
    }
  }

  /** A string field: a u8 length, then the UTF-8 bytes (255 at most). */
  str(s: Uint8Array): void {
    if (s.length > 255) {
      this.bad = true;
      return;
    }
    this.u8(s.length & 0xff);
    this.raw(s, 0, s.length);
  }

  /** A string field from a string (its UTF-8 bytes, allocated in the current arena). */
  text(s: string): void {
    this.str(utf8(s));
  }

  /** A blob field: a u16 length, then src[offset .. offset+length). */
  blob(src: Uint8Array, offset: i32, length: i32): void {
    if (length < 0 || length > 0xffff) {
      this.bad = true;
      return;
    }
    this.u16(length & 0xffff);
    this.raw(src, offset, length);
  }

  /** A digest field: exactly HASH_SIZE bytes. */
  hash(digest: Uint8Array): void {
    if (digest.length !== HASH_SIZE) {
      this.bad = true;
      return;
    }
    this.raw(digest, 0, HASH_SIZE);
  }
}

/** Reads body fields from bytes[offset .. offset+length); `bad` once the body ended early. */
export class BodyReader {
  bytes: Uint8Array = EMPTY;
  position: i32 = 0;
  end: i32 = 0;
  bad: boolean = false;

  reset(bytes: Uint8Array, offset: i32, length: i32): void {
    this.bytes = bytes;
    this.position = offset;
    this.end = (offset + length) | 0;
    this.bad = false;
  }

  remaining(): i32 {
    return (this.end - this.position) | 0;
  }

  /** Whether n more bytes are there; if not, the reader turns bad. */
  has(n: i32): boolean {
    if (this.bad || n > this.end - this.position) {
      this.bad = true;
      return false;
    }
    return true;
  }

  u8(): u8 {
    if (!this.has(1)) {
      return 0;
    }
    const v = this.bytes[this.position];
    this.position++;
    return v;
  }

  /** A u8 field that means true when not 0. */
  bool(): boolean {
    return this.u8() !== 0;
  }

  u16(): u16 {
    if (!this.has(2)) {
      return 0;
    }
    const b = this.bytes;
    const at = this.position;
    this.position = (at + 2) | 0;
    return b[at] | (b[at + 1] << 8);
  }

  u32(): u32 {
    return this.i32() >>> 0;
  }

  i32(): i32 {
    if (!this.has(4)) {
      return 0;
    }
    const b = this.bytes;
    const at = this.position;
    this.position = (at + 4) | 0;
    return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
  }

  /** The next n bytes, as a view (empty when they are not there). */
  raw(n: i32): Uint8Array {
    if (n < 0 || !this.has(n)) {
      this.bad = true;
      return EMPTY;
    }
    const at = this.position;
    this.position = (at + n) | 0;
    return this.bytes.subarray(at, at + n);
  }

  /** A string field's UTF-8 bytes (a view). */
  str(): Uint8Array {
    const n = this.u8();
    return this.raw(n);
  }

  /** A blob field's bytes (a view). */
  blob(): Uint8Array {
    const n = this.u16();
    return this.raw(n);
  }

  /** A digest field (a view of HASH_SIZE bytes). */
  hash(): Uint8Array {
    return this.raw(HASH_SIZE);
  }

  /** Everything left (a view): PING's and PONG's body. */
  rest(): Uint8Array {
    return this.raw(this.remaining());
  }
}

/** HELLO {protoVersion u16}. */
export class Hello {
  protoVersion: u16 = PROTOCOL_VERSION;

  encode(w: BodyWriter): void {
    w.u16(this.protoVersion);
  }

  decode(r: BodyReader): boolean {
    this.protoVersion = r.u16();
    return !r.bad;
  }
}

/** HELLO_OK and INFO_OK: what the device is and has. */
export class DeviceInfo {
  protoVersion: u16 = PROTOCOL_VERSION;
  /** UTF-8, e.g. "0.4.0" */
  firmware: Uint8Array = EMPTY;
  /** UTF-8, e.g. "rp2040" */
  board: Uint8Array = EMPTY;
  /** EngineFeature bits */
  features: u32 = 0;
  ramTotal: u32 = 0;
  ramFree: u32 = 0;
  flashTotal: u32 = 0;
  flashFree: u32 = 0;
  /** the largest UPLOAD_CHUNK data this device takes */
  maxChunk: u16 = 0;
  /** how many UPLOAD_CHUNKs a host may have unacknowledged */
  window: u8 = 0;
  /** hal.ts ResetReason */
  resetReason: u8 = 0;
  uptimeMs: u32 = 0;
  safeMode: boolean = false;
  modulesRunning: u8 = 0;

  encode(w: BodyWriter): void {
    w.u16(this.protoVersion);
    w.str(this.firmware);
    w.str(this.board);
    w.u32(this.features);
    w.u32(this.ramTotal);
    w.u32(this.ramFree);
    w.u32(this.flashTotal);
    w.u32(this.flashFree);
    w.u16(this.maxChunk);
    w.u8(this.window);
    w.u8(this.resetReason);
    w.u32(this.uptimeMs);
    w.bool(this.safeMode);
    w.u8(this.modulesRunning);
  }

  decode(r: BodyReader): boolean {
    this.protoVersion = r.u16();
    this.firmware = r.str();
    this.board = r.str();
    this.features = r.u32();
    this.ramTotal = r.u32();
    this.ramFree = r.u32();
    this.flashTotal = r.u32();
    this.flashFree = r.u32();
    this.maxChunk = r.u16();
    this.window = r.u8();
    this.resetReason = r.u8();
    this.uptimeMs = r.u32();
    this.safeMode = r.bool();
    this.modulesRunning = r.u8();
    return !r.bad;
  }
}

/** LIST {first u16}: entries from index `first` on. */
export class ListRequest {
  first: u16 = 0;

  encode(w: BodyWriter): void {
    w.u16(this.first);
  }

  decode(r: BodyReader): boolean {
    this.first = r.u16();
    return !r.bad;
  }
}

/** The start of LIST_OK {total u16, first u16, count u8}; `count` ModuleEntry follow. */
export class ListHeader {
  /** modules on the device */
  total: u16 = 0;
  /** the index of the first entry in this reply */
  first: u16 = 0;
  /** entries in this reply (as many as fit in one body) */
  count: u8 = 0;

  encode(w: BodyWriter): void {
    w.u16(this.total);
    w.u16(this.first);
    w.u8(this.count);
  }

  decode(r: BodyReader): boolean {
    this.total = r.u16();
    this.first = r.u16();
    this.count = r.u8();
    return !r.bad;
  }
}

/** One LIST_OK entry: a module the device holds (installed or running). */
export class ModuleEntry {
  name: Uint8Array = EMPTY;
  size: u32 = 0;
  sha256: Uint8Array = EMPTY;
  /** the granted capabilities, e.g. "gpio=25 clock" */
  caps: Uint8Array = EMPTY;
  autostart: boolean = false;
  /** ModuleState */
  state: u8 = 0;
  /** installed in flash (false: uploaded with mode run, in RAM only) */
  persisted: boolean = false;
  /** the last EXIT's code (0 before any) */
  lastExit: i32 = 0;

  encode(w: BodyWriter): void {
    w.str(this.name);
    w.u32(this.size);
    w.hash(this.sha256);
    w.str(this.caps);
    w.bool(this.autostart);
    w.u8(this.state);
    w.bool(this.persisted);
    w.i32(this.lastExit);
  }

  decode(r: BodyReader): boolean {
    this.name = r.str();
    this.size = r.u32();
    this.sha256 = r.hash();
    this.caps = r.str();
    this.autostart = r.bool();
    this.state = r.u8();
    this.persisted = r.bool();
    this.lastExit = r.i32();
    return !r.bad;
  }
}

/** UPLOAD_BEGIN: a module's bytes are about to follow. */
export class UploadBegin {
  /** UploadMode */
  mode: u8 = UploadMode.Run;
  autostart: boolean = false;
  name: Uint8Array = EMPTY;
  size: u32 = 0;
  sha256: Uint8Array = EMPTY;
  /** space-separated capabilities, e.g. "gpio=25 clock" */
  caps: Uint8Array = EMPTY;
  /** the arguments after argv[0] (which is the name), each followed by a 0x00 byte */
  args: Uint8Array = EMPTY;

  encode(w: BodyWriter): void {
    w.u8(this.mode);
    w.bool(this.autostart);
    w.str(this.name);
    w.u32(this.size);
    w.hash(this.sha256);
    w.str(this.caps);
    w.str(this.args);
  }

  decode(r: BodyReader): boolean {
    this.mode = r.u8();
    this.autostart = r.bool();
    this.name = r.str();
    this.size = r.u32();
    this.sha256 = r.hash();
    this.caps = r.str();
    this.args = r.str();
    return !r.bad;
  }
}

/** UPLOAD_READY {resumeOffset u32, chunkSize u16, window u8}. */
export class UploadReady {
  /** where the host starts sending (0, or more when resuming an unfinished upload) */
  resumeOffset: u32 = 0;
  /** the most data bytes per UPLOAD_CHUNK */
  chunkSize: u16 = 0;
  /** the most UPLOAD_CHUNKs unacknowledged at once */
  window: u8 = 0;

  encode(w: BodyWriter): void {
    w.u32(this.resumeOffset);
    w.u16(this.chunkSize);
    w.u8(this.window);
  }

  decode(r: BodyReader): boolean {
    this.resumeOffset = r.u32();
    this.chunkSize = r.u16();
    this.window = r.u8();
    return !r.bad;
  }
}

/** UPLOAD_CHUNK {offset u32, data blob}. */
export class UploadChunk {
  offset: u32 = 0;
  data: Uint8Array = EMPTY;

  encode(w: BodyWriter): void {
    w.u32(this.offset);
    w.blob(this.data, 0, this.data.length);
  }

  decode(r: BodyReader): boolean {
    this.offset = r.u32();
    this.data = r.blob();
    return !r.bad;
  }
}

/** UPLOAD_ACK {nextOffset u32}: every byte before nextOffset has arrived. */
export class UploadAck {
  nextOffset: u32 = 0;

  encode(w: BodyWriter): void {
    w.u32(this.nextOffset);
  }

  decode(r: BodyReader): boolean {
    this.nextOffset = r.u32();
    return !r.bad;
  }
}

/** START, STOP, REMOVE {name str}. */
export class NameRequest {
  name: Uint8Array = EMPTY;

  encode(w: BodyWriter): void {
    w.str(this.name);
  }

  decode(r: BodyReader): boolean {
    this.name = r.str();
    return !r.bad;
  }
}

/** SET_AUTOSTART {name str, on u8}. */
export class SetAutostart {
  name: Uint8Array = EMPTY;
  on: boolean = false;

  encode(w: BodyWriter): void {
    w.str(this.name);
    w.bool(this.on);
  }

  decode(r: BodyReader): boolean {
    this.name = r.str();
    this.on = r.bool();
    return !r.bad;
  }
}

/** LOGS {fromSeq u32}: log history from sequence number fromSeq on. */
export class LogsRequest {
  fromSeq: u32 = 0;

  encode(w: BodyWriter): void {
    w.u32(this.fromSeq);
  }

  decode(r: BodyReader): boolean {
    this.fromSeq = r.u32();
    return !r.bad;
  }
}

/** The start of LOGS_OK {nextSeq u32, endSeq u32, count u8}; `count` LogRecord follow. */
export class LogsHeader {
  /** the seq to ask for next (after the last record of this reply) */
  nextSeq: u32 = 0;
  /** the seq the device's next new record will get: nextSeq === endSeq means up to date */
  endSeq: u32 = 0;
  count: u8 = 0;

  encode(w: BodyWriter): void {
    w.u32(this.nextSeq);
    w.u32(this.endSeq);
    w.u8(this.count);
  }

  decode(r: BodyReader): boolean {
    this.nextSeq = r.u32();
    this.endSeq = r.u32();
    this.count = r.u8();
    return !r.bad;
  }
}

/** A LOG event's body, and one LOGS_OK record: {seq u32, stream u8, name str, data blob}. */
export class LogRecord {
  /** numbers every record the device makes, from 0 at boot */
  seq: u32 = 0;
  /** LogStream */
  stream: u8 = LogStream.Log;
  /** the module's name (empty for the device's own records) */
  name: Uint8Array = EMPTY;
  data: Uint8Array = EMPTY;

  encode(w: BodyWriter): void {
    w.u32(this.seq);
    w.u8(this.stream);
    w.str(this.name);
    w.blob(this.data, 0, this.data.length);
  }

  decode(r: BodyReader): boolean {
    this.seq = r.u32();
    this.stream = r.u8();
    this.name = r.str();
    this.data = r.blob();
    return !r.bad;
  }
}

/** EXIT {name str, kind u8, code i32, message str}: a module stopped running. */
export class ExitEvent {
  name: Uint8Array = EMPTY;
  /** ExitKind */
  kind: u8 = ExitKind.Exited;
  code: i32 = 0;
  message: Uint8Array = EMPTY;

  encode(w: BodyWriter): void {
    w.str(this.name);
    w.u8(this.kind);
    w.i32(this.code);
    w.str(this.message);
  }

  decode(r: BodyReader): boolean {
    this.name = r.str();
    this.kind = r.u8();
    this.code = r.i32();
    this.message = r.str();
    return !r.bad;
  }
}

/** ERROR {code u16, message str}. */
export class ErrorReply {
  /** ErrorCode */
  code: u16 = 0;
  message: Uint8Array = EMPTY;

  encode(w: BodyWriter): void {
    w.u16(this.code);
    w.str(this.message);
  }

  decode(r: BodyReader): boolean {
    this.code = r.u16();
    this.message = r.str();
    return !r.bad;
  }
}
