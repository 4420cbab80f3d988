// FrameReader and FrameWriter: frames survive any chunking, the reader
// resynchronises after garbage, truncation and flipped bits, and shows the
// printable text a board prints between frames.
import { describe, expect, it } from "vitest";
import {
  BODY_OFFSET,
  Corruption,
  FrameReader,
  FrameWriter,
  MAX_BODY,
  ReadEvent,
  maxFrameLength,
} from "../../core/protocol/frame.ts";
import { Random, ascii, concat, text } from "./helpers.ts";

interface Frame {
  type: number;
  flags: number;
  id: number;
  body: Uint8Array;
}

type Event = { frame: Frame } | { text: string } | { corrupt: Corruption };

function frameBytes(f: Frame): Uint8Array {
  const w = new FrameWriter(MAX_BODY);
  const n = w.encode(f.type, f.flags, f.id, f.body, 0, f.body.length);
  expect(n).toBe(w.length);
  return w.out.slice(0, n);
}

/** Pushes `stream` one byte at a time and lists what the reader reported. */
function readAll(stream: Uint8Array, reader = new FrameReader(MAX_BODY)): Event[] {
  const events: Event[] = [];
  for (const b of stream) {
    switch (reader.push(b)) {
      case ReadEvent.Frame:
        events.push({
          frame: {
            type: reader.type,
            flags: reader.flags,
            id: reader.id,
            body: reader.buffer.slice(BODY_OFFSET, BODY_OFFSET + reader.bodyLength),
          },
        });
        break;
      case ReadEvent.Text:
        events.push({ text: text(reader.buffer.subarray(0, reader.textLength)) });
        break;
      case ReadEvent.Corrupt:
        events.push({ corrupt: reader.corruption });
        break;
    }
  }
  return events;
}

function randomFrame(rnd: Random): Frame {
  const sizes = [0, 1, 250, 251, 252, 1024, rnd.int(MAX_BODY + 1)];
  return { type: 1 + rnd.int(255), flags: 0, id: rnd.int(65536), body: rnd.cobsy(sizes[rnd.int(sizes.length)]) };
}

describe("FrameWriter", () => {
  it("frames a body as 0x00, COBS(header, body, CRC-32), 0x00", () => {
    const out = frameBytes({ type: 0x0e, flags: 0, id: 1, body: new Uint8Array(0) });
    // the PING example of docs/protocol.md
    expect(Array.from(out)).toEqual([0x00, 0x02, 0x0e, 0x02, 0x01, 0x05, 0x6e, 0x99, 0x80, 0xd8, 0x00]);
  });

  it("refuses a body over its maximum and fits the longest frame in maxFrameLength", () => {
    const w = new FrameWriter(MAX_BODY);
    expect(w.encode(1, 0, 1, new Uint8Array(MAX_BODY + 1), 0, MAX_BODY + 1)).toBe(-1);
    const full = new Uint8Array(MAX_BODY).fill(7);
    expect(w.encode(1, 0xff, 0xffff, full, 0, MAX_BODY)).toBe(maxFrameLength(MAX_BODY));
    expect(maxFrameLength(MAX_BODY)).toBe(1039);
  });

  it("frames a body written in place in its body area", () => {
    const w = new FrameWriter(16);
    w.body.set([1, 2, 3]);
    const n = w.finish(0x85, 0, 0x1234, 3);
    expect(readAll(w.out.subarray(0, n))).toEqual([
      { frame: { type: 0x85, flags: 0, id: 0x1234, body: new Uint8Array([1, 2, 3]) } },
    ]);
  });
});

describe("FrameReader", () => {
  it("reads random frames back, whatever the chunking (every split of a stream)", () => {
    const rnd = new Random(42);
    const frames = [0, 1, 2, 3].map(() => ({ ...randomFrame(rnd), body: rnd.cobsy(rnd.int(40)) }));
    const stream = concat(...frames.map(frameBytes));
    const expected = frames.map((frame) => ({ frame }));
    for (let cut = 0; cut <= stream.length; cut++) {
      // the reader keeps its state between pushes: two chunks, split anywhere
      const reader = new FrameReader(MAX_BODY);
      const events = [...readAll(stream.subarray(0, cut), reader), ...readAll(stream.subarray(cut), reader)];
      expect(events).toEqual(expected);
    }
  });

  it("reads many random frames, with bodies up to the maximum", () => {
    const rnd = new Random(1);
    const frames = Array.from({ length: 60 }, () => randomFrame(rnd));
    const reader = new FrameReader(MAX_BODY);
    expect(readAll(concat(...frames.map(frameBytes)), reader)).toEqual(frames.map((frame) => ({ frame })));
    expect(reader.frameCount).toBe(60);
    expect(reader.corruptCount).toBe(0);
  });

  it("resynchronises after garbage, a truncated frame and a flipped bit, and counts each", () => {
    const a = frameBytes({ type: 1, flags: 0, id: 7, body: ascii("first") });
    const b = frameBytes({ type: 2, flags: 0, id: 8, body: ascii("second") });
    const c = frameBytes({ type: 3, flags: 0, id: 9, body: ascii("third") });
    const flipped = b.slice();
    flipped[6] ^= 0x10;
    const stream = concat(
      new Uint8Array([0x01, 0x80, 0x7f, 0xfe, 0x03]), // garbage, not text
      a,
      b.subarray(0, 7), // cut off: the next frame's leading 0x00 ends it
      c,
      flipped,
      new Uint8Array([0x00, 0x03, 0x01, 0x02, 0x00]), // COBS fine, too short for a header and a CRC
      a,
    );
    const reader = new FrameReader(MAX_BODY);
    const events = readAll(stream, reader);
    expect(events).toEqual([
      { corrupt: Corruption.BadCobs },
      { frame: { type: 1, flags: 0, id: 7, body: ascii("first") } },
      { corrupt: Corruption.BadCobs },
      { frame: { type: 3, flags: 0, id: 9, body: ascii("third") } },
      { corrupt: Corruption.BadCrc },
      { corrupt: Corruption.TooShort },
      { frame: { type: 1, flags: 0, id: 7, body: ascii("first") } },
    ]);
    expect(reader.corruptCount).toBe(4);
    expect(reader.frameCount).toBe(3);
  });

  it("catches every single flipped bit of a frame", () => {
    const f = frameBytes({ type: 5, flags: 0, id: 300, body: ascii("flip me") });
    for (let i = 1; i < f.length - 1; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const g = f.slice();
        g[i] ^= 1 << bit;
        const events = readAll(concat(g, f));
        // the damaged frame never comes out as a frame; the next one always does
        expect(events.filter((e) => "frame" in e).length).toBe(1);
        expect(events[events.length - 1]).toEqual({ frame: { type: 5, flags: 0, id: 300, body: ascii("flip me") } });
      }
    }
  });

  it("drops a run longer than any frame and reads the next frame", () => {
    const long = new Uint8Array(3000).fill(0x01);
    const f = frameBytes({ type: 9, flags: 0, id: 1, body: new Uint8Array(0) });
    const reader = new FrameReader(MAX_BODY);
    expect(readAll(concat(long, f), reader)).toEqual([
      { corrupt: Corruption.TooLong },
      { frame: { type: 9, flags: 0, id: 1, body: new Uint8Array(0) } },
    ]);
    expect(reader.corruptCount).toBe(1);
    // a reader with a smaller maximum refuses a bigger, valid frame
    const small = new FrameReader(8);
    const big = frameBytes({ type: 9, flags: 0, id: 1, body: new Uint8Array(9).fill(1) });
    expect(readAll(big, small)).toEqual([{ corrupt: Corruption.TooLong }]);
  });

  it("shows a boot banner and a panic message as text, line by line, at once", () => {
    const ping = frameBytes({ type: 0x0e, flags: 0, id: 1, body: new Uint8Array(0) });
    const stream = concat(ascii("wasmcu 0.1.0 on rp2040\r\n"), ping, ascii("panic: out of memory\r\nhalted"));
    const reader = new FrameReader(MAX_BODY);
    const events: Event[] = [];
    let atBannerEnd = -1;
    stream.forEach((b, i) => {
      const e = readAll(new Uint8Array([b]), reader);
      if (e.length && "text" in e[0] && atBannerEnd < 0) atBannerEnd = i;
      events.push(...e);
    });
    // the banner is shown when its line ends, not when the next 0x00 comes
    expect(atBannerEnd).toBe(23);
    expect(events).toEqual([
      { text: "wasmcu 0.1.0 on rp2040\r\n" },
      { frame: { type: 0x0e, flags: 0, id: 1, body: new Uint8Array(0) } },
      { text: "panic: out of memory\r\n" },
    ]);
    // text without a line end is shown at the next delimiter
    expect(readAll(concat(ascii("no newline\t€ ✓"), new Uint8Array([0])), reader)).toEqual([
      { text: "halted" + "no newline\t€ ✓" },
    ]);
    expect(reader.corruptCount).toBe(0);
  });

  it("cuts long text into pieces without splitting a UTF-8 character", () => {
    const line = "é".repeat(1500) + "\n";
    const events = readAll(ascii(line));
    expect(events.length).toBe(3);
    expect(events.map((e) => ("text" in e ? e.text : "?")).join("")).toBe(line);
  });

  it("does not take bytes that are not UTF-8 text for text", () => {
    expect(readAll(ascii("ok\n"))).toEqual([{ text: "ok\n" }]);
    for (const bad of [[0x41, 0x07, 0x0a], [0x41, 0xc3, 0x41, 0x0a], [0x7f, 0x0a], [0xff, 0x0a], [0xc3, 0x00]]) {
      const events = readAll(concat(new Uint8Array(bad), new Uint8Array([0])));
      expect(events.length).toBe(1);
      expect("corrupt" in events[0]).toBe(true);
    }
  });

  it("ignores empty segments between delimiters", () => {
    const reader = new FrameReader(MAX_BODY);
    expect(readAll(new Uint8Array(10), reader)).toEqual([]);
    expect(reader.corruptCount).toBe(0);
  });
});
