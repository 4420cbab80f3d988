// Inputs for the protocol fuzzer (protocol.mjs): byte strings for a board's
// link, each of one kind:
//
//   noise      random bytes: binary with or without 0x00, printable text,
//              runs longer than the longest frame, lone delimiters
//   frame      a frame with a valid CRC and a random type, flags, id and body
//              (bodies over 1024 bytes too: the board must drop them)
//   request    a well-formed message of one of the types of messages.ts
//              (requests, and replies and events sent the wrong way)
//   mutant     such a message whose body (or header) was mutated before the
//              CRC: the board reads it as a frame, and must cope with its fields
//   corrupt    such a message damaged after the CRC: the board must drop it
//   session    a whole upload (UPLOAD_BEGIN, its chunks, UPLOAD_COMMIT) of a
//              known module, sometimes with a chunk lost, repeated or mutated
//
// A batch is several inputs in a row. The fuzzer's model of what may change
// on the board needs to know which frames the board reads as frames: batch()
// lists them (type, id, body), read by core/protocol's FrameReader as the
// board reads them. Every input ends with 0x00, so none reaches into the next.
import { tsImport } from "tsx/esm/api";

const utf8 = new TextEncoder();

/** Request ids at or above this are the checker's, never a fuzz input's. */
export const CHECKER_IDS = 0xf000;

/** core/protocol, the code both sides run. */
export async function loadProtocol() {
  const [m, frame] = await Promise.all([
    tsImport("../../core/protocol/messages.ts", import.meta.url),
    tsImport("../../core/protocol/frame.ts", import.meta.url),
  ]);
  return { m, frame };
}

const NAMES = ["fz-a", "fz-b", "fz-c", "hello", "x", "", "a".repeat(32), "b".repeat(33), "n\u00e9", "with space"];
const CAPS = ["", "", "clock", "random", "gpio=25", "gpio=1,2,3", "fs", "clock random", "gpio=99", "bogus", "gpio=", "clock clock", " "];
const ARGS = ["", "", "a\0", "x\0y z\0", "no-terminator"];
/** caps a module of the pool can be installed with (so sessions can succeed) */
const GOOD_CAPS = ["", "clock"];

export class InputMaker {
  /** proto: loadProtocol(); modules: [{ bytes, sha256 }], the known modules sessions upload. */
  constructor(proto, modules) {
    this.m = proto.m;
    this.frame = proto.frame;
    this.modules = modules;
    this.bodyBytes = new Uint8Array(4096);
    this.body = new this.m.BodyWriter(this.bodyBytes);
    // bodies up to 2048 bytes: over MAX_BODY on purpose, sometimes
    this.writer = new this.frame.FrameWriter(2048);
    const T = this.m.MsgType;
    /** message types and their odds of being picked */
    this.types = [
      [T.Hello, 3], [T.Info, 3], [T.List, 3], [T.UploadBegin, 4], [T.UploadChunk, 4], [T.UploadCommit, 3],
      [T.Start, 3], [T.Stop, 3], [T.Remove, 3], [T.SetAutostart, 3], [T.Safe, 1], [T.Reset, 0.15], [T.Logs, 3], [T.Ping, 3],
      [T.Ok, 1], [T.HelloOk, 1], [T.InfoOk, 1], [T.ListOk, 1], [T.UploadReady, 1], [T.UploadAck, 1], [T.LogsOk, 1],
      [T.Pong, 1], [T.UploadSkipped, 1], [T.Error, 1], [T.Log, 1], [T.Exit, 1], [-1, 1],
    ];
    // a newer request: a reset into the board's bootloader (a simulated board resets)
    if (T.Bootloader !== undefined) this.types.push([T.Bootloader, 0.1]);
    this.typeOdds = this.types.reduce((n, [, w]) => n + w, 0);
  }

  /** `n` inputs from `rng`: { bytes, inputs: [kind...], frames: [{ type, id, body }] }. */
  batch(rng, n) {
    const parts = [];
    const inputs = [];
    for (let i = 0; i < n; i++) {
      const roll = rng.int(100);
      let kind;
      if (roll < 14) kind = this.noise(rng, parts);
      else if (roll < 28) kind = this.randomFrame(rng, parts);
      else if (roll < 52) kind = this.request(rng, parts, false);
      else if (roll < 78) kind = this.request(rng, parts, true);
      else if (roll < 88) kind = this.corrupt(rng, parts);
      else kind = this.session(rng, parts);
      inputs.push(kind);
    }
    let length = 0;
    for (const p of parts) length += p.length;
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    return { bytes, inputs, frames: this.framesIn(bytes) };
  }

  /**
   * The frames a board reads in `bytes`, read by the board's own FrameReader:
   * a frame with flags other than 0 may look like text and be read as text.
   */
  framesIn(bytes) {
    const reader = new this.frame.FrameReader(this.frame.MAX_BODY);
    const frames = [];
    for (const byte of bytes) {
      if (reader.push(byte) === this.frame.ReadEvent.Frame) {
        const body = reader.buffer.slice(this.frame.BODY_OFFSET, this.frame.BODY_OFFSET + reader.bodyLength);
        frames.push({ type: reader.type, id: reader.id, body });
      }
    }
    return frames;
  }

  // ---- noise

  noise(rng, parts) {
    const pick = rng.int(6);
    let b;
    switch (pick) {
      case 0: // binary, no delimiter
        b = rng.bytes(rng.range(1, 300)).map((x) => x || 1);
        break;
      case 1: // binary with delimiters
        b = rng.bytes(rng.range(1, 600));
        break;
      case 2: {
        // printable text, lines or one long run
        const n = rng.chance(0.3) ? rng.range(1000, 3000) : rng.range(1, 200);
        b = new Uint8Array(n);
        for (let i = 0; i < n; i++) b[i] = rng.chance(0.02) ? 0x0a : 0x20 + rng.int(95);
        break;
      }
      case 3: // longer than any frame, without a delimiter
        b = rng.bytes(rng.range(1040, 5000)).map((x) => x || 0xff);
        break;
      case 4: // lone delimiters and COBS-looking codes
        b = Uint8Array.from({ length: rng.range(1, 40) }, () => rng.pick([0, 0, 1, 2, 0xff, 0xfe]));
        break;
      default: {
        // UTF-8 cut short, stray continuation bytes, overlong leads
        const n = rng.range(1, 100);
        b = Uint8Array.from({ length: n }, () => rng.pick([0xc2, 0xe0, 0xf0, 0xf4, 0xf5, 0x80, 0xbf, 0xc0, 0x41, 0x0a, 0x0d]));
      }
    }
    parts.push(b);
    return "noise";
  }

  // ---- frames

  /** A frame of `body` (valid CRC), delimited. */
  pushFrame(parts, type, flags, id, body) {
    const n = this.writer.encode(type & 0xff, flags & 0xff, id & 0xffff, body, 0, body.length);
    parts.push(this.writer.out.slice(0, n));
  }

  fuzzId(rng) {
    return rng.chance(0.05) ? 0 : rng.range(1, CHECKER_IDS - 1);
  }

  randomFrame(rng, parts) {
    const length = rng.chance(0.1) ? rng.range(1025, 2048) : rng.chance(0.5) ? rng.int(16) : rng.int(1025);
    const type = rng.chance(0.5) ? rng.range(1, 0x3f) : rng.range(1, 255);
    this.pushFrame(parts, type, rng.chance(0.8) ? 0 : rng.int(256), this.fuzzId(rng), rng.bytes(length));
    return "frame";
  }

  pickType(rng) {
    let r = rng.u32() / 4294967296 * this.typeOdds;
    for (const [type, w] of this.types) {
      if (r < w) return type < 0 ? rng.range(0x10, 0x7f) : type;
      r -= w;
    }
    return this.types[0][0];
  }

  /** A well-formed body for `type` (random fields, mostly plausible ones). */
  makeBody(rng, type) {
    const m = this.m;
    const T = m.MsgType;
    const w = this.body;
    w.reset();
    const name = () => utf8.encode(rng.chance(0.9) ? rng.pick(NAMES) : String.fromCharCode(...rng.bytes(rng.int(40))));
    const mod = rng.pick(this.modules);
    switch (type) {
      case T.Hello: {
        const h = new m.Hello();
        h.protoVersion = rng.chance(0.8) ? m.PROTOCOL_VERSION : rng.int(65536);
        h.encode(w);
        break;
      }
      case T.List: {
        const r = new m.ListRequest();
        r.first = rng.chance(0.7) ? rng.int(20) : rng.int(65536);
        r.encode(w);
        break;
      }
      case T.UploadBegin: {
        const b = new m.UploadBegin();
        b.mode = rng.chance(0.9) ? rng.int(2) : rng.int(256);
        b.autostart = rng.chance(0.3);
        b.name = name();
        b.size = rng.chance(0.7) ? mod.bytes.length : rng.pick([0, 1, 0xffffffff, 1 << 20, 200000, rng.u32()]);
        b.sha256 = rng.chance(0.7) ? mod.sha256 : rng.bytes(32);
        b.caps = utf8.encode(rng.pick(CAPS));
        b.args = utf8.encode(rng.pick(ARGS));
        b.encode(w);
        break;
      }
      case T.UploadChunk: {
        const c = new m.UploadChunk();
        const at = rng.chance(0.7) ? rng.int(mod.bytes.length) : rng.pick([0, 0xffffffff, 0xfffffc00, rng.u32()]);
        const length = rng.range(0, rng.chance(0.8) ? 1000 : 1018);
        c.offset = at;
        c.data = rng.chance(0.7) ? mod.bytes.subarray(Math.min(at, mod.bytes.length), Math.min(at + length, mod.bytes.length)) : rng.bytes(length);
        c.encode(w);
        break;
      }
      case T.Start:
      case T.Stop:
      case T.Remove: {
        const r = new m.NameRequest();
        r.name = name();
        r.encode(w);
        break;
      }
      case T.SetAutostart: {
        const r = new m.SetAutostart();
        r.name = name();
        r.on = rng.chance(0.5);
        r.encode(w);
        break;
      }
      case T.Logs: {
        const r = new m.LogsRequest();
        r.fromSeq = rng.chance(0.5) ? rng.int(100) : rng.u32();
        r.encode(w);
        break;
      }
      case T.Ping:
      case T.Pong: {
        const b = rng.bytes(rng.chance(0.5) ? rng.int(16) : rng.int(1025));
        w.raw(b, 0, b.length);
        break;
      }
      case T.HelloOk:
      case T.InfoOk: {
        const d = new m.DeviceInfo();
        d.firmware = utf8.encode("9.9");
        d.board = utf8.encode("fuzz");
        d.maxChunk = rng.int(65536);
        d.window = rng.int(256);
        d.encode(w);
        break;
      }
      case T.UploadReady: {
        const r = new m.UploadReady();
        r.resumeOffset = rng.u32();
        r.chunkSize = rng.int(65536);
        r.window = rng.int(256);
        r.encode(w);
        break;
      }
      case T.UploadAck: {
        const a = new m.UploadAck();
        a.nextOffset = rng.u32();
        a.encode(w);
        break;
      }
      case T.Error: {
        const e = new m.ErrorReply();
        e.code = rng.int(20);
        e.message = utf8.encode("from the host");
        e.encode(w);
        break;
      }
      case T.Log: {
        const r = new m.LogRecord();
        r.seq = rng.u32();
        r.name = name();
        r.data = rng.bytes(rng.int(100));
        r.encode(w);
        break;
      }
      case T.Exit: {
        const e = new m.ExitEvent();
        e.name = name();
        e.kind = rng.int(5);
        e.code = rng.u32() | 0;
        e.encode(w);
        break;
      }
      default:
        // INFO, UPLOAD_COMMIT, SAFE, RESET, OK, UPLOAD_SKIPPED, LIST_OK, LOGS_OK, unknown: empty or arbitrary
        if (rng.chance(0.2)) {
          const b = rng.bytes(rng.int(64));
          w.raw(b, 0, b.length);
        }
    }
    return this.bodyBytes.slice(0, w.length);
  }

  /** Mutates a body (or the frame's header fields) in place of the original; returns { type, flags, id, body }. */
  mutate(rng, type, id, body) {
    let flags = 0;
    let b = body;
    const rounds = rng.range(1, 4);
    for (let k = 0; k < rounds; k++) {
      switch (rng.int(9)) {
        case 0: // flip a bit
          if (b.length > 0) b[rng.int(b.length)] ^= 1 << rng.int(8);
          break;
        case 1: // an interesting value
          if (b.length > 0) b[rng.int(b.length)] = rng.pick([0, 1, 0x7f, 0x80, 0xfe, 0xff, 0x20, 32, 33, 128, 255]);
          break;
        case 2: // cut short
          b = b.slice(0, rng.int(b.length + 1));
          break;
        case 3: // longer
          b = concat(b, rng.bytes(rng.range(1, 64)));
          break;
        case 4: {
          // a byte taken out or put in
          const at = rng.int(b.length + 1);
          b = rng.chance(0.5) && b.length > 0 ? concat(b.slice(0, at), b.slice(at + 1)) : concat(concat(b.slice(0, at), rng.bytes(1)), b.slice(at));
          break;
        }
        case 5: // another type with this body
          type = this.pickType(rng);
          break;
        case 6:
          flags = rng.int(256);
          break;
        case 7: // the id (never into the checker's range)
          id = rng.int(CHECKER_IDS);
          break;
        default: {
          // a length field (a str's or blob's) made to lie
          if (b.length > 2) {
            const at = rng.int(b.length - 1);
            b[at] = rng.pick([0, 0xff, b.length & 0xff, (b.length + 1) & 0xff]);
          }
        }
      }
    }
    return { type, flags, id, body: b };
  }

  request(rng, parts, mutated) {
    const type = this.pickType(rng);
    const id = this.fuzzId(rng);
    const body = this.makeBody(rng, type);
    if (!mutated) {
      this.pushFrame(parts, type, 0, id, body);
      return "request";
    }
    const x = this.mutate(rng, type, id, body);
    this.pushFrame(parts, x.type, x.flags, x.id, x.body);
    return "mutant";
  }

  corrupt(rng, parts) {
    const type = this.pickType(rng);
    const body = this.makeBody(rng, type);
    const n = this.writer.encode(type, 0, this.fuzzId(rng), body, 0, body.length);
    let f = this.writer.out.slice(0, n);
    switch (rng.int(5)) {
      case 0: // a bit flipped inside (CRC or COBS breaks)
        f[rng.range(1, Math.max(1, f.length - 2))] ^= 1 << rng.int(8);
        break;
      case 1: // cut short (the next input's 0x00 ends it)
        f = f.slice(0, rng.range(1, f.length - 2));
        break;
      case 2: // a byte lost inside
        if (f.length > 3) {
          const at = rng.range(1, f.length - 2);
          f = concat(f.slice(0, at), f.slice(at + 1));
        }
        break;
      case 3: // a byte twice
        if (f.length > 3) {
          const at = rng.range(1, f.length - 2);
          f = concat(f.slice(0, at + 1), f.slice(at));
        }
        break;
      default: // a 0x00 inside: two pieces, neither a frame
        f[rng.range(1, Math.max(1, f.length - 2))] = 0;
    }
    // a damaged frame must not reach into the next input: end it
    parts.push(f[f.length - 1] === 0 ? f : concat(f, Uint8Array.of(0)));
    return "corrupt";
  }

  /** A whole upload of a known module (BEGIN, chunks, COMMIT), sometimes with a fault. */
  session(rng, parts) {
    const m = this.m;
    const mod = rng.pick(this.modules);
    const b = new m.UploadBegin();
    b.mode = rng.chance(0.6) ? m.UploadMode.Install : m.UploadMode.Run;
    b.autostart = rng.chance(0.2);
    b.name = utf8.encode(rng.pick(NAMES.slice(0, 4)));
    b.size = mod.bytes.length;
    b.sha256 = mod.sha256;
    b.caps = utf8.encode(rng.pick(GOOD_CAPS));
    b.args = new Uint8Array(0);
    const fault = rng.chance(0.3) ? rng.int(4) : -1;
    const id = () => this.fuzzId(rng) || 1;
    this.body.reset();
    b.encode(this.body);
    this.pushFrame(parts, m.MsgType.UploadBegin, 0, id(), this.bodyBytes.slice(0, this.body.length));
    const chunk = rng.range(1, 1000);
    const faultAt = rng.int(Math.ceil(mod.bytes.length / chunk));
    for (let at = 0, k = 0; at < mod.bytes.length; at += chunk, k++) {
      const c = new m.UploadChunk();
      c.offset = at;
      c.data = mod.bytes.subarray(at, Math.min(at + chunk, mod.bytes.length));
      this.body.reset();
      c.encode(this.body);
      let body = this.bodyBytes.slice(0, this.body.length);
      if (k === faultAt && fault === 0) continue; // a chunk lost
      if (k === faultAt && fault === 1) this.pushFrame(parts, m.MsgType.UploadChunk, 0, id(), body); // a chunk twice
      if (k === faultAt && fault === 2) body = this.mutate(rng, m.MsgType.UploadChunk, 1, body).body; // a chunk changed
      this.pushFrame(parts, m.MsgType.UploadChunk, 0, id(), body);
      // another request between two chunks (a START or REMOVE of the same name, a LIST, ...)
      if (rng.chance(0.08)) this.request(rng, parts, rng.chance(0.3));
    }
    if (fault !== 3) this.pushFrame(parts, m.MsgType.UploadCommit, 0, id(), new Uint8Array(0));
    return "session";
  }
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
