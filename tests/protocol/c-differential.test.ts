// The protocol code compiled to C by stc must behave exactly as under Node:
// tests/protocol/c-driver.ts reads a random stream (every message type with
// random fields, PINGs with random bodies, banner text, garbage, truncated
// frames, flipped bits), transcodes every frame and hashes the stream; the
// gcc release build, the debug build (stc's run-time checks on) and the
// esbuild bundle must print the same, and that output must be right.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundle, exec, gcc, gccStrict, root, runProgram, stcBuild } from "../../tools/lib/sts-run.mjs";
import { FrameWriter, MAX_BODY } from "../../core/protocol/frame.ts";
import {
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
} from "../../core/protocol/messages.ts";
import { Random, ascii, concat } from "./helpers.ts";

const dir = join(root, "build/test-protocol-c");
const SEED = 20240611;

/** A random stream and how many valid frames it holds. */
function makeStream(rnd: Random): { stream: Uint8Array; frames: number; corrupt: number } {
  const u16 = () => rnd.int(65536);
  const u32 = () => rnd.int(65536) * 65536 + rnd.int(65536);
  const str = (max = 30) => rnd.bytes(rnd.int(max + 1));
  const parts: Uint8Array[] = [ascii("wasmcu 0.4.0 on sim\r\n")];
  let frames = 0;
  let corrupt = 0;
  const fw = new FrameWriter(MAX_BODY);
  const w = new BodyWriter(fw.body);
  const frame = (type: number, fill: (w: BodyWriter) => void) => {
    w.reset();
    fill(w);
    expect(w.bad).toBe(false);
    return fw.out.slice(0, fw.finish(type, 0, rnd.int(65536), w.length));
  };
  const messages: [number, (w: BodyWriter) => void][] = [
    [MsgType.Hello, (w) => Object.assign(new Hello(), { protoVersion: u16() }).encode(w)],
    [
      MsgType.InfoOk,
      (w) =>
        Object.assign(new DeviceInfo(), {
          firmware: str(),
          board: str(),
          features: u32(),
          ramFree: u32(),
          flashFree: u32(),
          maxChunk: u16(),
          window: rnd.int(256),
          uptimeMs: u32(),
          safeMode: rnd.int(2) === 1,
        }).encode(w),
    ],
    [MsgType.List, (w) => Object.assign(new ListRequest(), { first: u16() }).encode(w)],
    [
      MsgType.ListOk,
      (w) => {
        const count = rnd.int(6);
        Object.assign(new ListHeader(), { total: u16(), first: u16(), count }).encode(w);
        for (let i = 0; i < count; i++) {
          Object.assign(new ModuleEntry(), {
            name: str(20),
            size: u32(),
            sha256: rnd.bytes(32),
            caps: str(20),
            autostart: rnd.int(2) === 1,
            state: rnd.int(6),
            lastExit: u32() | 0,
          }).encode(w);
        }
      },
    ],
    [
      MsgType.UploadBegin,
      (w) =>
        Object.assign(new UploadBegin(), {
          mode: rnd.int(2),
          name: str(),
          size: u32(),
          sha256: rnd.bytes(32),
          caps: str(),
          args: str(),
        }).encode(w),
    ],
    [MsgType.UploadReady, (w) => Object.assign(new UploadReady(), { resumeOffset: u32(), chunkSize: u16(), window: 4 }).encode(w)],
    [MsgType.UploadChunk, (w) => Object.assign(new UploadChunk(), { offset: u32(), data: rnd.cobsy(rnd.int(1019)) }).encode(w)],
    [MsgType.UploadAck, (w) => Object.assign(new UploadAck(), { nextOffset: u32() }).encode(w)],
    [MsgType.Stop, (w) => Object.assign(new NameRequest(), { name: str(255) }).encode(w)],
    [MsgType.SetAutostart, (w) => Object.assign(new SetAutostart(), { name: str(), on: true }).encode(w)],
    [MsgType.Logs, (w) => Object.assign(new LogsRequest(), { fromSeq: u32() }).encode(w)],
    [
      MsgType.LogsOk,
      (w) => {
        const count = rnd.int(4);
        Object.assign(new LogsHeader(), { nextSeq: u32(), endSeq: u32(), count }).encode(w);
        for (let i = 0; i < count; i++) {
          Object.assign(new LogRecord(), { seq: u32(), stream: 1 + rnd.int(4), name: str(10), data: str(150) }).encode(w);
        }
      },
    ],
    [MsgType.Log, (w) => Object.assign(new LogRecord(), { seq: u32(), stream: 3, name: str(), data: rnd.cobsy(rnd.int(900)) }).encode(w)],
    [MsgType.Exit, (w) => Object.assign(new ExitEvent(), { name: str(), kind: rnd.int(4), code: u32() | 0, message: str(200) }).encode(w)],
    [MsgType.Error, (w) => Object.assign(new ErrorReply(), { code: 1 + rnd.int(15), message: str(200) }).encode(w)],
    [MsgType.Ping, () => {}],
    [MsgType.Pong, (w) => { const b = rnd.cobsy(rnd.int(1025)); w.raw(b, 0, b.length); }],
    [MsgType.UploadCommit, () => {}],
  ];
  for (let i = 0; i < 120; i++) {
    const [type, fill] = messages[i < messages.length ? i : rnd.int(messages.length)];
    const f = frame(type, fill);
    switch (rnd.int(12)) {
      case 0: // garbage before it (no text, no 0x00), which the frame's leading 0x00 ends
        parts.push(new Uint8Array([0x01, ...rnd.bytes(1 + rnd.int(30)).map((b) => b | 0x80)]));
        corrupt++;
        break;
      case 1: // a line of text before it
        parts.push(ascii(`board says ${i} ✓\r\n`));
        break;
      case 2: { // a flipped bit: never a frame
        const g = f.slice();
        g[1 + rnd.int(g.length - 2)] ^= 1 << rnd.int(8);
        parts.push(g);
        break;
      }
      case 3: // cut short
        parts.push(f.subarray(0, 2 + rnd.int(f.length - 3)));
        break;
    }
    parts.push(f);
    frames++;
  }
  return { stream: concat(...parts), frames, corrupt };
}

/** The STS program: the stream as a hex string (stc writes an array literal as one store per element, which gcc -O2 compiles slowly), then runDriver. */
function program(stream: Uint8Array): string {
  return `// generated by tests/protocol/c-differential.test.ts
import { fromHex, runDriver } from "../../tests/protocol/c-driver";

runDriver(fromHex("${Buffer.from(stream).toString("hex")}"), ${SEED});
`;
}

describe("the protocol code compiled to C", () => {
  const { stream, frames, corrupt } = makeStream(new Random(SEED));
  let out = { release: "", debug: "", node: "" };

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, "main.ts");
    writeFileSync(entry, program(stream));
    stcBuild(entry, join(dir, "main.c"));
    gcc(join(dir, "main.c"), join(dir, "main-release"), ["-O2", "-DNDEBUG", ...gccStrict]);
    gcc(join(dir, "main.c"), join(dir, "main-debug"), ["-O0", "-g", ...gccStrict]);
    await bundle(entry, join(dir, "main.mjs"));
    out = {
      release: runProgram(join(dir, "main-release")).stdout,
      debug: runProgram(join(dir, "main-debug")).stdout,
      node: exec(process.execPath, [join(dir, "main.mjs")]).stdout,
    };
  }, 300_000);

  it("prints the same under gcc -O2, gcc debug and Node", () => {
    expect(out.node.split("\n").length).toBeGreaterThan(frames * 2);
    expect(out.release).toBe(out.node);
    expect(out.debug).toBe(out.node);
  });

  it("finds every frame, re-encodes each to the same bytes, and hashes the stream right", () => {
    const lines = out.release.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("frame ")).length).toBe(frames);
    const again = lines.filter((l) => l.startsWith("  again "));
    expect(again.length).toBe(frames);
    expect(again.filter((l) => !l.startsWith("  again true true ")).length).toBe(0);
    expect(lines.filter((l) => l.startsWith("text ")).length).toBeGreaterThan(1);
    const [, frameCount, corruptCount] = lines.find((l) => l.startsWith("counts "))!.split(" ").map(Number);
    expect(frameCount).toBe(frames);
    expect(corruptCount).toBeGreaterThanOrEqual(corrupt);
    const digest = Array.from(createHash("sha256").update(stream).digest()).join(" ");
    expect(lines).toContain(`sha256 ${digest}`);
    expect(lines.filter((l) => l.startsWith("cobs round trip failed"))).toEqual([]);
  });
});
