// What modules print, on its way to the host: each write becomes a LOG event
// (and a record in the log history), tagged with the module's name and
// stream; a module's end becomes an EXIT event.
import type { i32, u32 } from "../types";
import { MAX_BODY } from "../protocol/frame";
import { ExitEvent, LogRecord, LogStream, MsgType } from "../protocol/messages";
import { body, logFits, sendFrame } from "./link";
import { keepLogRecord, nextLogSeq } from "./logring";
import { slots } from "./slots";

export { LogStream };

const record = new LogRecord();
const exitEvent = new ExitEvent();
/** LogRecord's fixed fields: seq u32, stream u8, the name's length u8, the data's length u16. */
const RECORD_OVERHEAD: i32 = 8;

/**
 * Sends bytes[offset .. offset+length) that the module in slot `slot` wrote to
 * `stream`. Takes as many as one LOG frame holds, or all of them when `whole`
 * (a log record, at most MAX_BODY minus the overhead); returns how many it
 * took: 0 when the outbox has no room now (the caller waits and tries again).
 */
export function moduleOutput(slot: i32, stream: i32, bytes: Uint8Array, offset: u32, length: u32, whole: boolean): i32 {
  const name = slots[slot].nameView();
  return logOutput(name, stream, bytes, offset, length, whole);
}

/** moduleOutput for any name (empty: the device's own record). */
export function logOutput(name: Uint8Array, stream: i32, bytes: Uint8Array, offset: u32, length: u32, whole: boolean): i32 {
  const room = (MAX_BODY - RECORD_OVERHEAD - name.length) | 0;
  let n: i32 = length < room ? length | 0 : room;
  if (whole && n < length) return 0;
  if (!logFits((RECORD_OVERHEAD + name.length + n) | 0)) return 0;
  record.seq = nextLogSeq();
  record.stream = stream & 0xff;
  record.name = name;
  record.data = bytes.subarray(offset, offset + n);
  body.reset();
  record.encode(body);
  if (!sendFrame(MsgType.Log, 0, body.length, true)) return 0;
  keepLogRecord(body.bytes, body.length);
  return n;
}

/** The WASI sink of a module's context (core/wasi/context.ts, OutputSink): `data` is its slot. */
export function wasiSink(data: i32, fd: i32, bytes: Uint8Array, offset: u32, length: u32): i32 {
  return moduleOutput(data, fd === 2 ? LogStream.Stderr : LogStream.Stdout, bytes, offset, length, false);
}

/** Sends an EXIT event for `name`; false when the outbox had no room (the caller tries again later). */
export function sendExit(name: Uint8Array, kind: i32, code: i32, message: Uint8Array): boolean {
  exitEvent.name = name;
  exitEvent.kind = kind & 0xff;
  exitEvent.code = code;
  exitEvent.message = message.length > 255 ? message.subarray(0, 255) : message;
  body.reset();
  exitEvent.encode(body);
  return sendFrame(MsgType.Exit, 0, body.length, false);
}
