// The device's end of the link: frames in (a FrameReader over the HAL's
// non-blocking linkRead) and frames out through an outbox, a byte queue that
// drains into linkWrite as fast as the port takes it. Replies and EXIT events
// always find room; LOG events leave RESERVE bytes free for them, and a module
// whose output does not fit waits (core/wasi/fd.ts, "sinkWrite") rather than
// losing it.
import type { i32, u8, u16, u32 } from "../types";
import { linkRead, linkWrite } from "../hal";
import { FrameReader, FrameWriter, MAX_BODY, maxFrameLength } from "../protocol/frame";
import { BodyWriter } from "../protocol/messages";

/** The outbox's size: a few frames, the most a board spends on output. */
export const OUTBOX_SIZE: i32 = 8192;
/** What LOG events leave free, so that replies fit while a module prints. */
const RESERVE: i32 = (2 * maxFrameLength(MAX_BODY)) | 0;

class Outbox {
  readonly bytes: Uint8Array = new Uint8Array(OUTBOX_SIZE);
  /** where the oldest unsent byte is, and how many are queued */
  head: i32 = 0;
  count: i32 = 0;
  /** frames that did not fit (events dropped, replies lost) */
  dropped: u32 = 0;
  /** the link went away for good (the simulator's pty closed) */
  down: boolean = false;
}

const outbox = new Outbox();
const writer = new FrameWriter(MAX_BODY);
/** Where a frame's body is composed: body.reset(), encode fields, then sendFrame(type, id, body.length). */
export const body = new BodyWriter(writer.body);
export const reader = new FrameReader(MAX_BODY);
const inbox = new Uint8Array(256);

/** Empties the outbox (at boot). */
export function resetLink(): void {
  outbox.head = 0;
  outbox.count = 0;
  outbox.down = false;
  reader.reset();
}

function enqueue(src: Uint8Array, length: i32): void {
  let tail: i32 = ((outbox.head + outbox.count) % OUTBOX_SIZE) | 0;
  for (let i = 0; i < length; i++) {
    outbox.bytes[tail] = src[i];
    tail = tail + 1 === OUTBOX_SIZE ? 0 : (tail + 1) | 0;
  }
  outbox.count = (outbox.count + length) | 0;
}

/** Bytes free in the outbox. */
export function outboxFree(): i32 {
  return (OUTBOX_SIZE - outbox.count) | 0;
}

/**
 * Frames body[0 .. bodyLength) and queues it. An event (`isLog`) is queued
 * only if RESERVE bytes stay free after it. Returns false when it did not fit.
 */
export function sendFrame(type: u8, id: u16, bodyLength: i32, isLog: boolean): boolean {
  const n = writer.finish(type, 0, id, bodyLength);
  if (n < 0) return false;
  const free = outboxFree();
  if (n > free || (isLog && n + RESERVE > free)) {
    if (!isLog) outbox.dropped = (outbox.dropped + 1) >>> 0;
    return false;
  }
  enqueue(writer.out, n);
  return true;
}

/** Queues raw bytes outside frames (the boot banner). */
export function sendText(text: Uint8Array): void {
  if (text.length <= outboxFree()) enqueue(text, text.length);
}

/** Whether a LOG frame with a body of `bodyLength` bytes would be queued now. */
export function logFits(bodyLength: i32): boolean {
  return maxFrameLength(bodyLength) + RESERVE <= outboxFree();
}

/** Writes what the port takes now. */
export function flushLink(): void {
  while (outbox.count > 0 && !outbox.down) {
    const run = outbox.head + outbox.count <= OUTBOX_SIZE ? outbox.count : OUTBOX_SIZE - outbox.head;
    const n = linkWrite(outbox.bytes, outbox.head >>> 0, run >>> 0);
    if (n < 0) {
      outbox.down = true;
      outbox.count = 0;
      return;
    }
    if (n === 0) return;
    outbox.head = ((outbox.head + n) % OUTBOX_SIZE) | 0;
    outbox.count = (outbox.count - n) | 0;
  }
}

/** Whether output is still queued. */
export function outboxPending(): boolean {
  return outbox.count > 0 && !outbox.down;
}

/** Reads what has arrived into the inbox: returns how many bytes (0: none), their bytes in inboxBytes(). */
export function readLink(): i32 {
  if (outbox.down) return 0;
  const n = linkRead(inbox, 0, inbox.length);
  if (n < 0) {
    outbox.down = true;
    return 0;
  }
  return n;
}

export function inboxBytes(): Uint8Array {
  return inbox;
}

export function droppedFrames(): u32 {
  return outbox.dropped;
}
