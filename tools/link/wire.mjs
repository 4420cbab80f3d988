// The wire format for the host, over core/protocol (the same STS code the
// device runs): messages as plain objects {type: "UPLOAD_ACK", id, ...fields}
// in, frames out, and back. Strings (names, capabilities, messages) become JS
// strings; digests and data stay Uint8Array (copies: the reader reuses its
// buffer). UPLOAD_BEGIN's `args` is an array of strings.
//
//   const wire = await loadWire();
//   transport.write(wire.encode("HELLO", 1, { protoVersion: wire.PROTOCOL_VERSION }));
//   const reader = wire.newReader();
//   for (const item of reader.push(bytes)) item.kind: "frame" (item.message) | "text" (item.text) | "corrupt" (item.why)
import { tsImport } from "tsx/esm/api";

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Fields that are strings on the wire (u8 length + UTF-8). */
const TEXT_FIELDS = new Set(["name", "caps", "firmware", "board", "message"]);

let loaded = null;

/** Loads core/protocol (once) and returns the codec. */
export function loadWire() {
  loaded ??= Promise.all([
    tsImport("../../core/protocol/messages.ts", import.meta.url),
    tsImport("../../core/protocol/frame.ts", import.meta.url),
  ]).then(([messages, frame]) => makeWire(messages, frame));
  return loaded;
}

function makeWire(m, frame) {
  // Each type's body: a message class, or a header class followed by `count` items, or raw bytes.
  const bodies = {
    HELLO: { one: m.Hello },
    INFO: {},
    LIST: { one: m.ListRequest },
    UPLOAD_BEGIN: { one: m.UploadBegin },
    UPLOAD_CHUNK: { one: m.UploadChunk },
    UPLOAD_COMMIT: {},
    START: { one: m.NameRequest },
    STOP: { one: m.NameRequest },
    REMOVE: { one: m.NameRequest },
    SET_AUTOSTART: { one: m.SetAutostart },
    SAFE: {},
    RESET: {},
    LOGS: { one: m.LogsRequest },
    PING: { raw: true },
    BOOTLOADER: {},
    OK: {},
    HELLO_OK: { one: m.DeviceInfo },
    INFO_OK: { one: m.DeviceInfo },
    LIST_OK: { one: m.ListHeader, items: m.ModuleEntry, key: "entries" },
    UPLOAD_READY: { one: m.UploadReady },
    UPLOAD_ACK: { one: m.UploadAck },
    LOGS_OK: { one: m.LogsHeader, items: m.LogRecord, key: "records" },
    PONG: { raw: true },
    UPLOAD_SKIPPED: {},
    ERROR: { one: m.ErrorReply },
    LOG: { one: m.LogRecord },
    EXIT: { one: m.ExitEvent },
  };
  const codeOf = {};
  for (let code = 0; code < 256; code++) {
    const name = m.msgTypeName(code);
    if (bodies[name]) codeOf[name] = code;
  }
  for (const name of Object.keys(bodies)) if (codeOf[name] === undefined) throw new Error(`core/protocol has no message type ${name}`);

  const writer = new frame.FrameWriter(frame.MAX_BODY);
  const bodyWriter = new m.BodyWriter(writer.body);

  /** A message class instance with `fields` put in (strings to UTF-8, args to NUL-ended strings). */
  function toInstance(Class, fields) {
    const msg = new Class();
    for (const [key, value] of Object.entries(fields)) {
      if (!(key in msg)) continue;
      if (key === "args") msg.args = utf8.encode((value ?? []).map((a) => `${a}\0`).join(""));
      else if (typeof value === "string" && msg[key] instanceof Uint8Array) msg[key] = utf8.encode(value);
      else if (typeof msg[key] === "boolean") msg[key] = Boolean(value);
      else msg[key] = value;
    }
    return msg;
  }

  /** A decoded instance as a plain object (strings decoded, bytes copied). */
  function toFields(msg) {
    const fields = {};
    for (const [key, value] of Object.entries(msg)) {
      if (key === "args") fields.args = fromUtf8.decode(value).split("\0").slice(0, -1);
      else if (value instanceof Uint8Array) fields[key] = TEXT_FIELDS.has(key) ? fromUtf8.decode(value) : value.slice();
      else fields[key] = value;
    }
    return fields;
  }

  /** The frame (both delimiters included) of message `type` with request id `id`; throws when the body does not fit. */
  function encode(type, id, fields = {}) {
    const body = bodies[type];
    if (!body) throw new Error(`no message type ${type}`);
    bodyWriter.reset();
    if (body.raw) bodyWriter.raw(fields.data ?? new Uint8Array(0), 0, (fields.data ?? new Uint8Array(0)).length);
    if (body.one) toInstance(body.one, fields).encode(bodyWriter);
    if (body.items) {
      for (const item of fields[body.key] ?? []) toInstance(body.items, item).encode(bodyWriter);
    }
    if (bodyWriter.bad) throw new Error(`${type}: the fields do not fit in a ${frame.MAX_BODY}-byte body (or a string is over 255 bytes)`);
    const n = writer.finish(codeOf[type], 0, id, bodyWriter.length);
    return writer.out.slice(0, n);
  }

  /** Decodes a frame's body; null when it does not decode as its type's fields. */
  function decodeBody(type, bytes, offset, length) {
    const body = bodies[type];
    const r = new m.BodyReader();
    r.reset(bytes, offset, length);
    if (!body) return {};
    if (body.raw) return { data: r.rest().slice() };
    if (!body.one) return {};
    const head = new body.one();
    if (!head.decode(r)) return null;
    const fields = toFields(head);
    if (body.items) {
      fields[body.key] = [];
      for (let i = 0; i < head.count; i++) {
        const item = new body.items();
        if (!item.decode(r)) return null;
        fields[body.key].push(toFields(item));
      }
    }
    return fields;
  }

  function newReader() {
    const reader = new frame.FrameReader(frame.MAX_BODY);
    return {
      reader,
      /** Feeds received bytes; returns what they completed, in order. */
      push(bytes) {
        const items = [];
        for (const byte of bytes) {
          switch (reader.push(byte)) {
            case frame.ReadEvent.Frame: {
              const type = m.msgTypeName(reader.type);
              const fields = decodeBody(type, reader.buffer, frame.BODY_OFFSET, reader.bodyLength);
              if (fields === null) {
                items.push({ kind: "corrupt", why: `a ${type} frame whose body does not decode` });
                break;
              }
              const message = { type, id: reader.id, flags: reader.flags, ...fields };
              if (type === "ERROR") message.codeName = m.errorCodeName(message.code);
              items.push({ kind: "frame", message });
              break;
            }
            case frame.ReadEvent.Text: {
              const text = fromUtf8.decode(reader.buffer.subarray(0, reader.textLength));
              for (const line of text.split("\n")) {
                const trimmed = line.replace(/\r$/, "");
                if (trimmed.trim() !== "") items.push({ kind: "text", text: trimmed });
              }
              break;
            }
            case frame.ReadEvent.Corrupt:
              items.push({ kind: "corrupt", why: CORRUPTION[reader.corruption] ?? `corruption ${reader.corruption}` });
              break;
          }
        }
        return items;
      },
    };
  }

  return {
    PROTOCOL_VERSION: m.PROTOCOL_VERSION,
    MAX_BODY: frame.MAX_BODY,
    encode,
    newReader,
    errorCodeName: m.errorCodeName,
    ModuleState: m.ModuleState,
    ExitKind: m.ExitKind,
    LogStream: m.LogStream,
    EngineFeature: m.EngineFeature,
    ErrorCode: m.ErrorCode,
  };
}

const CORRUPTION = ["", "not COBS", "too short", "bad CRC", "too long"];
