// docs/protocol.md's worked examples: each ```bytes block names a frame
// ("frame: TYPE id=N ..."), its payload and its bytes on the wire. The
// encoder must produce exactly those bytes, zlib's CRC-32 must agree with
// the payload's last four, and the decoder must read the frame back.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BODY_OFFSET, FrameReader, FrameWriter, MAX_BODY, ReadEvent } from "../../core/protocol/frame.ts";
import { BodyReader, ErrorReply, MsgType, msgTypeName } from "../../core/protocol/messages.ts";
import { text } from "./helpers.ts";

const doc = readFileSync(join(import.meta.dirname, "../../docs/protocol.md"), "utf8");

interface Example {
  title: string;
  payload: Uint8Array;
  wire: Uint8Array;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const m of doc.matchAll(/```bytes\n([\s\S]*?)```/g)) {
    const line = (key: string) => {
      const l = m[1].split("\n").find((x) => x.startsWith(key + ": "));
      if (!l) throw new Error(`a bytes block without "${key}:"`);
      return l.slice(key.length + 2);
    };
    const hex = (s: string) => new Uint8Array(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));
    out.push({ title: line("frame"), payload: hex(line("payload")), wire: hex(line("wire")) });
  }
  return out;
}

describe("docs/protocol.md worked examples", () => {
  const all = examples();

  it("are there (a PING and an ERROR)", () => {
    expect(all.map((e) => e.title.split(" ")[0])).toEqual(["PING", "ERROR"]);
  });

  for (const ex of all) {
    it(`${ex.title}: the encoder writes the documented bytes, the decoder reads them`, () => {
      const p = ex.payload;
      const crc = zlibCrc32(p.subarray(0, p.length - 4));
      expect(Buffer.from(p.subarray(p.length - 4)).readUInt32LE(0)).toBe(crc);
      const [type, flags, id] = [p[0], p[1], p[2] | (p[3] << 8)];
      expect(ex.title).toContain(`${msgTypeName(type)} id=${id}`);
      const body = p.subarray(4, p.length - 4);

      const w = new FrameWriter(MAX_BODY);
      const n = w.encode(type, flags, id, body, 0, body.length);
      expect(Array.from(w.out.subarray(0, n))).toEqual(Array.from(ex.wire));

      const r = new FrameReader(MAX_BODY);
      const events = Array.from(ex.wire, (b) => r.push(b)).filter((e) => e !== ReadEvent.None);
      expect(events).toEqual([ReadEvent.Frame]);
      expect([r.type, r.flags, r.id]).toEqual([type, flags, id]);
      expect(r.buffer.subarray(BODY_OFFSET, BODY_OFFSET + r.bodyLength)).toEqual(body);

      if (type === MsgType.Error) {
        const br = new BodyReader();
        br.reset(r.buffer, BODY_OFFSET, r.bodyLength);
        const e = new ErrorReply();
        expect(e.decode(br)).toBe(true);
        expect(ex.title).toContain(`code=${e.code} message="${text(e.message)}"`);
      }
    });
  }
});
