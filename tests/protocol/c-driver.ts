// The protocol code as a program, for the C differential test
// (tests/protocol/c-differential.test.ts): it reads a byte stream with a
// FrameReader, decodes every frame's body with the message classes, encodes
// it again and frames it again, and hashes, COBS-encodes and CRCs along the
// way, printing one line per step. The test builds it with stc + gcc and with
// esbuild and requires the same output from both.
import type { i32, u32 } from "../../core/types";
import { utf8 } from "../../core/text";
import { crc32 } from "../../core/protocol/crc32";
import { Sha256 } from "../../core/protocol/sha256";
import { cobsDecode, cobsEncode, cobsMaxEncodedLength } from "../../core/protocol/cobs";
import { BODY_OFFSET, FrameReader, FrameWriter, MAX_BODY, ReadEvent } from "../../core/protocol/frame";
import {
  BodyReader,
  BodyWriter,
  DeviceInfo,
  ErrorReply,
  ExitEvent,
  Hello,
  ListHeader,
  ListRequest,
  LogRecord,
  LogsHeader,
  LogsRequest,
  ModuleEntry,
  MsgType,
  NameRequest,
  SetAutostart,
  UploadAck,
  UploadBegin,
  UploadChunk,
  UploadReady,
  msgTypeName,
} from "../../core/protocol/messages";

const hello = new Hello();
const info = new DeviceInfo();
const listRequest = new ListRequest();
const listHeader = new ListHeader();
const entry = new ModuleEntry();
const begin = new UploadBegin();
const ready = new UploadReady();
const chunk = new UploadChunk();
const ack = new UploadAck();
const nameRequest = new NameRequest();
const setAutostart = new SetAutostart();
const logsRequest = new LogsRequest();
const logsHeader = new LogsHeader();
const record = new LogRecord();
const exit = new ExitEvent();
const error = new ErrorReply();

function sum(bytes: Uint8Array): u32 {
  return crc32(bytes, 0, bytes.length);
}

/** Decodes the body in `r` as a `type` message, prints its fields, writes it again into `w`; false if it does not decode. */
function transcode(type: i32, r: BodyReader, w: BodyWriter): boolean {
  switch (type) {
    case MsgType.Hello:
      if (!hello.decode(r)) return false;
      console.log("  hello", hello.protoVersion);
      hello.encode(w);
      return true;
    case MsgType.HelloOk:
    case MsgType.InfoOk:
      if (!info.decode(r)) return false;
      console.log("  info", info.protoVersion, sum(info.firmware), sum(info.board), info.features, info.ramTotal, info.ramFree);
      console.log("  info", info.flashTotal, info.flashFree, info.maxChunk, info.window, info.resetReason, info.uptimeMs, info.safeMode, info.modulesRunning);
      info.encode(w);
      return true;
    case MsgType.List:
      if (!listRequest.decode(r)) return false;
      console.log("  list", listRequest.first);
      listRequest.encode(w);
      return true;
    case MsgType.ListOk:
      if (!listHeader.decode(r)) return false;
      console.log("  list-ok", listHeader.total, listHeader.first, listHeader.count);
      listHeader.encode(w);
      for (let i = 0; i < listHeader.count; i++) {
        if (!entry.decode(r)) return false;
        console.log("  entry", entry.name.length, sum(entry.name), entry.size, sum(entry.sha256), sum(entry.caps), entry.autostart, entry.state, entry.persisted, entry.lastExit);
        entry.encode(w);
      }
      return true;
    case MsgType.UploadBegin:
      if (!begin.decode(r)) return false;
      console.log("  begin", begin.mode, begin.autostart, sum(begin.name), begin.size, sum(begin.sha256), sum(begin.caps), sum(begin.args));
      begin.encode(w);
      return true;
    case MsgType.UploadReady:
      if (!ready.decode(r)) return false;
      console.log("  ready", ready.resumeOffset, ready.chunkSize, ready.window);
      ready.encode(w);
      return true;
    case MsgType.UploadChunk:
      if (!chunk.decode(r)) return false;
      console.log("  chunk", chunk.offset, chunk.data.length, sum(chunk.data));
      chunk.encode(w);
      return true;
    case MsgType.UploadAck:
      if (!ack.decode(r)) return false;
      console.log("  ack", ack.nextOffset);
      ack.encode(w);
      return true;
    case MsgType.Start:
    case MsgType.Stop:
    case MsgType.Remove:
      if (!nameRequest.decode(r)) return false;
      console.log("  name", nameRequest.name.length, sum(nameRequest.name));
      nameRequest.encode(w);
      return true;
    case MsgType.SetAutostart:
      if (!setAutostart.decode(r)) return false;
      console.log("  autostart", sum(setAutostart.name), setAutostart.on);
      setAutostart.encode(w);
      return true;
    case MsgType.Logs:
      if (!logsRequest.decode(r)) return false;
      console.log("  logs", logsRequest.fromSeq);
      logsRequest.encode(w);
      return true;
    case MsgType.LogsOk:
      if (!logsHeader.decode(r)) return false;
      console.log("  logs-ok", logsHeader.nextSeq, logsHeader.endSeq, logsHeader.count);
      logsHeader.encode(w);
      for (let i = 0; i < logsHeader.count; i++) {
        if (!transcodeRecord(r, w)) return false;
      }
      return true;
    case MsgType.Log:
      return transcodeRecord(r, w);
    case MsgType.Exit:
      if (!exit.decode(r)) return false;
      console.log("  exit", sum(exit.name), exit.kind, exit.code, exit.message.length, sum(exit.message));
      exit.encode(w);
      return true;
    case MsgType.Error:
      if (!error.decode(r)) return false;
      console.log("  error", error.code, sum(error.message));
      error.encode(w);
      return true;
    default: {
      // PING, PONG and the messages without fields: the body as it is
      const rest = r.rest();
      w.raw(rest, 0, rest.length);
      return true;
    }
  }
}

function transcodeRecord(r: BodyReader, w: BodyWriter): boolean {
  if (!record.decode(r)) return false;
  console.log("  record", record.seq, record.stream, sum(record.name), record.data.length, sum(record.data));
  record.encode(w);
  return true;
}

/** Prints what `stream` holds, frame by frame, and checks that each body encodes back to the same bytes. */
export function runDriver(stream: Uint8Array, seed: u32): void {
  const reader = new FrameReader(MAX_BODY);
  const writer = new FrameWriter(MAX_BODY);
  const body = new BodyWriter(writer.body);
  const r = new BodyReader();
  for (let i = 0; i < stream.length; i++) {
    const event = reader.push(stream[i]);
    if (event === ReadEvent.Frame) {
      const at = BODY_OFFSET;
      const n = reader.bodyLength;
      console.log("frame", msgTypeName(reader.type), reader.flags, reader.id, n, crc32(reader.buffer, at, n));
      r.reset(reader.buffer, at, n);
      body.reset();
      const ok = transcode(reader.type, r, body);
      let same = ok && !body.bad && body.length === n;
      for (let k = 0; same && k < n; k++) {
        same = writer.body[k] === reader.buffer[at + k];
      }
      const length = writer.finish(reader.type, reader.flags, reader.id, body.length);
      console.log("  again", ok, same, length, crc32(writer.out, 0, length > 0 ? length : 0));
    } else if (event === ReadEvent.Text) {
      console.log("text", reader.textLength, crc32(reader.buffer, 0, reader.textLength));
    } else if (event === ReadEvent.Corrupt) {
      console.log("corrupt", reader.corruption, reader.corruptCount);
    }
  }
  console.log("counts", reader.frameCount, reader.corruptCount);

  // the whole stream through SHA-256 in pieces of pseudo-random sizes, and
  // through COBS in slices of the same sizes
  let x: u32 = seed === 0 ? 1 : seed;
  const hasher = new Sha256();
  const encoded = new Uint8Array(cobsMaxEncodedLength(1300));
  const decoded = new Uint8Array(1300);
  let cobsSum: u32 = 0;
  for (let at = 0; at < stream.length; ) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    const piece = Math.min((x % 1300) | 0, stream.length - at) | 0;
    hasher.update(stream, at, piece);
    const e = cobsEncode(stream, at, piece, encoded, 0);
    const d = cobsDecode(encoded, 0, e, decoded, 0, decoded.length);
    if (d !== piece || crc32(decoded, 0, d) !== crc32(stream, at, piece)) {
      console.log("cobs round trip failed at", at, piece, e, d);
    }
    cobsSum = (cobsSum + crc32(encoded, 0, e)) >>> 0;
    at = (at + piece) | 0;
  }
  const digest = new Uint8Array(32);
  hasher.digest(digest, 0);
  let hex = "";
  for (let i = 0; i < 32; i++) {
    hex = hex + " " + digest[i];
  }
  console.log("sha256" + hex);
  console.log("cobs", cobsSum);
}

function hexDigit(c: i32): i32 {
  return c <= 0x39 ? (c - 0x30) | 0 : (c - 0x57) | 0;
}

/** The bytes written in `hex` as lowercase hex digits (the test passes its stream this way: C compiles a string literal fast). */
export function fromHex(hex: string): Uint8Array {
  const digits = utf8(hex);
  const out = new Uint8Array(digits.length >>> 1);
  for (let i = 0; i < out.length; i++) {
    out[i] = (hexDigit(digits[i << 1]) << 4) | hexDigit(digits[(i << 1) + 1]);
  }
  return out;
}
