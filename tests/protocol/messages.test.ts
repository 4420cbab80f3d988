// Every message of core/protocol/messages.ts: random field values survive
// encode -> frame -> decode; a body cut short fails to decode; bytes appended
// by a newer peer are ignored; fields that do not fit make the writer bad.
import { describe, expect, it } from "vitest";
import { BODY_OFFSET, FrameReader, FrameWriter, MAX_BODY, ReadEvent } from "../../core/protocol/frame.ts";
import {
  BodyReader,
  BodyWriter,
  DeviceInfo,
  ErrorCode,
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
  errorCodeName,
  msgTypeName,
} from "../../core/protocol/messages.ts";
import { Random, ascii, text } from "./helpers.ts";

interface Codec {
  encode(w: BodyWriter): void;
  decode(r: BodyReader): boolean;
}

const rnd = new Random(99);
const u8 = () => rnd.int(256);
const u16 = () => rnd.int(65536);
const u32 = () => rnd.int(65536) * 65536 + rnd.int(65536);
const i32 = () => u32() | 0;
const bool = () => rnd.int(2) === 1;
const str = (max = 40) => rnd.bytes(rnd.int(max + 1));
const hash = () => rnd.bytes(32);

/** One message of each class, with random fields (and the frame type it travels in). */
function samples(): [number, Codec, () => Codec][] {
  const info = () => {
    const m = new DeviceInfo();
    Object.assign(m, { protoVersion: u16(), firmware: str(), board: str(), features: u32(), ramTotal: u32() });
    Object.assign(m, { ramFree: u32(), flashTotal: u32(), flashFree: u32(), maxChunk: u16(), window: u8() });
    Object.assign(m, { resetReason: u8(), uptimeMs: u32(), safeMode: bool(), modulesRunning: u8() });
    return m;
  };
  return [
    [MsgType.Hello, Object.assign(new Hello(), { protoVersion: u16() }), () => new Hello()],
    [MsgType.HelloOk, info(), () => new DeviceInfo()],
    [MsgType.List, Object.assign(new ListRequest(), { first: u16() }), () => new ListRequest()],
    [MsgType.ListOk, Object.assign(new ListHeader(), { total: u16(), first: u16(), count: u8() }), () => new ListHeader()],
    [
      MsgType.ListOk,
      Object.assign(new ModuleEntry(), {
        name: str(),
        size: u32(),
        sha256: hash(),
        caps: str(),
        autostart: bool(),
        state: u8(),
        persisted: bool(),
        lastExit: i32(),
      }),
      () => new ModuleEntry(),
    ],
    [
      MsgType.UploadBegin,
      Object.assign(new UploadBegin(), {
        mode: u8(),
        autostart: bool(),
        name: str(255),
        size: u32(),
        sha256: hash(),
        caps: str(255),
        args: str(255),
      }),
      () => new UploadBegin(),
    ],
    [
      MsgType.UploadReady,
      Object.assign(new UploadReady(), { resumeOffset: u32(), chunkSize: u16(), window: u8() }),
      () => new UploadReady(),
    ],
    [
      MsgType.UploadChunk,
      Object.assign(new UploadChunk(), { offset: u32(), data: rnd.bytes(rnd.int(MAX_BODY - 6 + 1)) }),
      () => new UploadChunk(),
    ],
    [MsgType.UploadAck, Object.assign(new UploadAck(), { nextOffset: u32() }), () => new UploadAck()],
    [MsgType.Start, Object.assign(new NameRequest(), { name: str(255) }), () => new NameRequest()],
    [MsgType.SetAutostart, Object.assign(new SetAutostart(), { name: str(), on: bool() }), () => new SetAutostart()],
    [MsgType.Logs, Object.assign(new LogsRequest(), { fromSeq: u32() }), () => new LogsRequest()],
    [MsgType.LogsOk, Object.assign(new LogsHeader(), { nextSeq: u32(), endSeq: u32(), count: u8() }), () => new LogsHeader()],
    [
      MsgType.Log,
      Object.assign(new LogRecord(), { seq: u32(), stream: u8(), name: str(), data: rnd.bytes(rnd.int(900)) }),
      () => new LogRecord(),
    ],
    [
      MsgType.Exit,
      Object.assign(new ExitEvent(), { name: str(), kind: u8(), code: i32(), message: str(255) }),
      () => new ExitEvent(),
    ],
    [MsgType.Error, Object.assign(new ErrorReply(), { code: u16(), message: str(255) }), () => new ErrorReply()],
  ];
}

/** The fields of a message as plain values (Uint8Array views compared by content). */
const fields = (m: Codec) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v instanceof Uint8Array ? Array.from(v) : v]));

function encode(m: Codec, capacity = MAX_BODY): BodyWriter {
  const w = new BodyWriter(new Uint8Array(capacity));
  m.encode(w);
  return w;
}

describe("messages", () => {
  it("round-trip through a frame with random fields", () => {
    for (let round = 0; round < 20; round++) {
      for (const [type, m, fresh] of samples()) {
        const fw = new FrameWriter(MAX_BODY);
        const w = new BodyWriter(fw.body);
        w.reset();
        m.encode(w);
        expect(w.bad).toBe(false);
        const n = fw.finish(type, 0, 77, w.length);
        const reader = new FrameReader(MAX_BODY);
        const events = Array.from(fw.out.subarray(0, n), (b) => reader.push(b));
        expect(events.filter((e) => e !== ReadEvent.None)).toEqual([ReadEvent.Frame]);
        expect([reader.type, reader.id, reader.bodyLength]).toEqual([type, 77, w.length]);
        const r = new BodyReader();
        r.reset(reader.buffer, BODY_OFFSET, reader.bodyLength);
        const back = fresh();
        expect(back.decode(r)).toBe(true);
        expect(r.remaining()).toBe(0);
        expect(fields(back)).toEqual(fields(m));
      }
    }
  });

  it("fail to decode from any body cut short, and ignore bytes appended after their fields", () => {
    for (const [, m, fresh] of samples()) {
      const w = encode(m);
      const body = w.bytes.slice(0, w.length);
      for (let cut = 0; cut < body.length; cut++) {
        const r = new BodyReader();
        r.reset(body, 0, cut);
        expect(fresh().decode(r)).toBe(false);
        expect(r.bad).toBe(true);
      }
      const longer = new Uint8Array(body.length + 5).fill(0xab);
      longer.set(body);
      const r = new BodyReader();
      r.reset(longer, 0, longer.length);
      const back = fresh();
      expect(back.decode(r)).toBe(true);
      expect(fields(back)).toEqual(fields(m));
    }
  });

  it("encode exactly the layout of docs/protocol.md (little-endian, u8-length strings, u16-length blobs)", () => {
    const b = new UploadBegin();
    Object.assign(b, { mode: 1, autostart: true, name: ascii("blink"), size: 0x01020304, sha256: new Uint8Array(32).fill(0xaa) });
    Object.assign(b, { caps: ascii("gpio=25"), args: ascii("-v\0") });
    const w = encode(b);
    expect(Array.from(w.bytes.subarray(0, w.length))).toEqual([
      1, 1, 5, ...ascii("blink"), 4, 3, 2, 1, ...new Array(32).fill(0xaa), 7, ...ascii("gpio=25"), 3, 0x2d, 0x76, 0,
    ]);
    const c = Object.assign(new UploadChunk(), { offset: 0x200, data: new Uint8Array([9, 8, 7]) });
    const wc = encode(c);
    expect(Array.from(wc.bytes.subarray(0, wc.length))).toEqual([0, 2, 0, 0, 3, 0, 9, 8, 7]);
    const e = Object.assign(new ExitEvent(), { name: ascii("m"), kind: 1, code: -1, message: ascii("x") });
    const we = encode(e);
    expect(Array.from(we.bytes.subarray(0, we.length))).toEqual([1, 0x6d, 1, 0xff, 0xff, 0xff, 0xff, 1, 0x78]);
  });

  it("make the writer bad when a field does not fit", () => {
    const tooLongName = Object.assign(new NameRequest(), { name: new Uint8Array(256) });
    expect(encode(tooLongName).bad).toBe(true);
    const shortHash = Object.assign(new ModuleEntry(), { sha256: new Uint8Array(31) });
    expect(encode(shortHash).bad).toBe(true);
    const chunk = Object.assign(new UploadChunk(), { data: new Uint8Array(MAX_BODY - 6) });
    expect(encode(chunk).bad).toBe(false);
    chunk.data = new Uint8Array(MAX_BODY - 5);
    const w = encode(chunk);
    expect(w.bad).toBe(true);
    // sticky: a later field that would fit does not clear it
    w.u8(1);
    expect(w.bad).toBe(true);
    w.reset();
    w.u8(1);
    expect([w.bad, w.length]).toEqual([false, 1]);
  });

  it("write strings given as text as UTF-8", () => {
    const w = new BodyWriter(new Uint8Array(32));
    w.text("héllo");
    w.i32(-2);
    const r = new BodyReader();
    r.reset(w.bytes, 0, w.length);
    expect(text(r.str())).toBe("héllo");
    expect(r.i32()).toBe(-2);
    expect(r.u8()).toBe(0);
    expect(r.bad).toBe(true);
  });

  it("name types and error codes", () => {
    expect(msgTypeName(MsgType.UploadSkipped)).toBe("UPLOAD_SKIPPED");
    expect(msgTypeName(0x33)).toBe("type 51");
    expect(errorCodeName(ErrorCode.VersionMismatch)).toBe("VersionMismatch");
    expect(errorCodeName(ErrorCode.BadFrame)).toBe("BadFrame");
  });
});
