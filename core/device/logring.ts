// The log history: the last LOG records (module output and the supervisor's
// own lines), kept so that `wasmcu logs` shows what happened before the host
// connected. Records are LogRecord bodies, each behind its u16 length; the
// oldest go first when the ring is full.
import type { i32, u8, u32 } from "../types";
import { BodyWriter, LogsHeader } from "../protocol/messages";

export const LOG_RING_SIZE: i32 = 4096;

class LogRing {
  readonly bytes: Uint8Array = new Uint8Array(LOG_RING_SIZE);
  used: i32 = 0;
  /** seq of the oldest record kept, and of the next record made */
  firstSeq: u32 = 0;
  nextSeq: u32 = 0;
}

const ring = new LogRing();
/** LOGS_OK's header, made once: in C, what a request allocates outside a module's arena is never freed */
const logsHeader = new LogsHeader();

/** Forgets everything (at boot); numbering starts at 0. */
export function resetLogRing(): void {
  ring.used = 0;
  ring.firstSeq = 0;
  ring.nextSeq = 0;
}

/** The seq the next record gets. */
export function nextLogSeq(): u32 {
  return ring.nextSeq;
}

/** Keeps a record (a LogRecord body of `length` bytes whose seq is nextLogSeq()). */
export function keepLogRecord(record: Uint8Array, length: i32): void {
  const need = (length + 2) | 0;
  if (need > LOG_RING_SIZE) return;
  while (ring.used + need > LOG_RING_SIZE) dropOldest();
  ring.bytes[ring.used] = length & 0xff;
  ring.bytes[ring.used + 1] = length >>> 8;
  ring.bytes.set(record.subarray(0, length), ring.used + 2);
  ring.used = (ring.used + need) | 0;
  ring.nextSeq = (ring.nextSeq + 1) >>> 0;
}

function dropOldest(): void {
  const n = (ring.bytes[0] | (ring.bytes[1] << 8)) + 2;
  ring.bytes.copyWithin(0, n, ring.used);
  ring.used = (ring.used - n) | 0;
  ring.firstSeq = (ring.firstSeq + 1) >>> 0;
}

/**
 * Writes a LOGS_OK body into w: the records from seq `fromSeq` on (or from the
 * oldest kept, if fromSeq is older) that fit.
 */
export function writeLogHistory(fromSeq: u32, w: BodyWriter): void {
  const header = logsHeader;
  let seq = ring.firstSeq;
  let at = 0;
  // skip to fromSeq (seq numbers wrap at 2^32 in principle; a board does not print 4 billion records between two LOGS)
  while (at < ring.used && seq < fromSeq) {
    at = (at + (ring.bytes[at] | (ring.bytes[at + 1] << 8)) + 2) | 0;
    seq = (seq + 1) >>> 0;
  }
  const headerAt = w.length;
  header.encode(w);
  let count: u8 = 0;
  while (at < ring.used && count < 255) {
    const n = ring.bytes[at] | (ring.bytes[at + 1] << 8);
    if (n > w.bytes.length - w.length) break;
    w.raw(ring.bytes, (at + 2) | 0, n);
    at = (at + n + 2) | 0;
    seq = (seq + 1) >>> 0;
    count = (count + 1) & 0xff;
  }
  header.nextSeq = seq;
  header.endSeq = ring.nextSeq;
  header.count = count;
  const end = w.length;
  w.length = headerAt;
  header.encode(w);
  w.length = end;
}
