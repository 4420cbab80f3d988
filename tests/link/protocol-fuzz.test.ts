// The protocol decoder fuzzer (tools/fuzz/protocol.mjs), bounded: random,
// framed-random and mutated requests into the JS simulator and the native
// board, checked after every batch for crashes, hangs, resets and state the
// inputs could not have made. The long run is
// `npm run fuzz -- --protocol --iterations 100000`. Also: the frame reader
// both boards run holds a bounded number of bytes whatever it is fed, and
// reads the next frame after any garbage; and the fuzzer's checker does flag
// what it is there to flag.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BODY_OFFSET, FrameReader, FrameWriter, MAX_BODY, ReadEvent } from "../../core/protocol/frame";
import { MsgType } from "../../core/protocol/messages";
import { fuzzProtocol, stateProblems, type Allowed, type Installed } from "../../tools/fuzz/protocol.mjs";
import { BoardClient } from "../../tools/link/client.mjs";
import { Transport } from "../../tools/link/transport.mjs";
import { loadWire } from "../../tools/link/wire.mjs";

/** A small deterministic generator (the test's own: numbers in [0, n)). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 4294967296) * n);
  };
}

describe("the frame reader of both boards", () => {
  it("never holds more than one frame's bytes, and reads the next frame after any garbage", () => {
    const reader = new FrameReader(MAX_BODY);
    const writer = new FrameWriter(MAX_BODY);
    const ping = writer.encode(MsgType.Ping, 0, 0x1234, Uint8Array.of(1, 2, 3), 0, 3);
    const frame = writer.out.slice(0, ping);
    const rand = lcg(7);
    let frames = 0;
    for (let round = 0; round < 300; round++) {
      // garbage of one kind: binary without 0x00, binary with, text without a line end, long or short
      const kind = rand(4);
      const n = rand(4) === 0 ? 1000 + rand(5000) : rand(300);
      for (let i = 0; i < n; i++) {
        let b = rand(256);
        if (kind === 0 && b === 0) b = 0xff;
        if (kind === 2) b = 0x20 + rand(95);
        if (kind === 3) b = [0xc2, 0xe0, 0xf0, 0x80, 0x41][rand(5)];
        reader.push(b);
        expect(reader.length).toBeLessThanOrEqual(reader.buffer.length);
      }
      // a frame after it (its leading 0x00 ends whatever came before) is read whole
      let got = false;
      for (const b of frame) {
        if (reader.push(b) === ReadEvent.Frame) {
          got = true;
          expect([reader.type, reader.id, reader.bodyLength]).toEqual([MsgType.Ping, 0x1234, 3]);
          expect(Array.from(reader.buffer.subarray(BODY_OFFSET, BODY_OFFSET + 3))).toEqual([1, 2, 3]);
        }
      }
      expect(got, `round ${round}: garbage of kind ${kind} (${n} bytes) wedged the reader`).toBe(true);
      frames++;
    }
    expect(frames).toBe(300);
    expect(reader.corruptCount).toBeGreaterThan(0);
  });
});

describe("the fuzzer's checker", () => {
  const known = { known: new Set(["100:aa", "200:bb"]), installBegun: new Set(["m"]) };
  const nothing = (): Allowed => ({ removed: new Set(), autostart: new Set(), begun: [], committed: false, safe: false, reset: false });
  const mod = (size: number, sha256: string, autostart = false): Installed => ({ size, sha256, caps: "", autostart });

  it("flags a module that vanishes, appears, changes or is none of the uploaded ones", () => {
    const before = new Map([["m", mod(100, "aa")]]);
    expect(stateProblems(before, new Map(), nothing(), known)).toEqual(["installed module 'm' vanished without a REMOVE of it"]);
    expect(stateProblems(before, new Map([["m", mod(200, "bb")]]), nothing(), known)).toEqual(["installed module 'm' changed without an UPLOAD_COMMIT"]);
    expect(stateProblems(before, new Map([["m", mod(100, "aa", true)]]), nothing(), known)[0]).toMatch(/autostart of 'm' changed/);
    expect(stateProblems(new Map(), new Map([["m", mod(100, "aa")]]), nothing(), known)).toEqual(["module 'm' appeared without an UPLOAD_COMMIT"]);
    const committed = { ...nothing(), committed: true };
    expect(stateProblems(before, new Map([["m", mod(100, "cc")]]), committed, known)[0]).toMatch(/none of the uploaded modules: half stored or corrupt/);
  });

  it("lets the requests that change things change them", () => {
    const before = new Map([["m", mod(100, "aa")]]);
    expect(stateProblems(before, new Map(), { ...nothing(), removed: new Set(["m"]) }, known)).toEqual([]);
    expect(stateProblems(before, new Map([["m", mod(200, "bb", true)]]), { ...nothing(), committed: true }, known)).toEqual([]);
  });
});

describe("the protocol fuzzer, bounded", () => {
  for (const target of ["sim", "native"]) {
    it(`${target}: 12000 inputs, no crash, hang, unasked reset or impossible state`, async () => {
      const s = await fuzzProtocol({ target, iterations: 12000, seed: 1, nativeBuild: "release" });
      console.log(
        `protocol fuzz (${target}): ${s.inputs} inputs in ${s.batches} batches, ${s.seconds.toFixed(1)} s; ${s.frames} frames read, ` +
          `${s.installsSeen} installs, ${s.removesSeen} removes, ${s.resets} resets, ${s.badFrameHints} BadFrame hints, ${s.unanswered} replies dropped by a full outbox; findings ${s.findings.length}`,
      );
      expect(s.findings.map((f) => `${f.kind} (batch ${f.batch}): ${f.detail}`)).toEqual([]);
      expect(s.inputs).toBe(12000);
      // the inputs did reach the board's state machine: modules came and went, the board reset when asked
      expect(s.installsSeen).toBeGreaterThan(5);
      expect(s.removesSeen).toBeGreaterThan(5);
      expect(s.badFrameHints).toBeGreaterThan(100);
    }, 120_000);
  }
});

describe("what the fuzzer found, on the simulator", () => {
  it("a START or REMOVE of a name during its run upload drops the upload (NoUpload); the board writes nothing into the slot and stays up", async () => {
    const boardModule: string = "../../ports/sim/board.mjs";
    const { startSimulator } = (await import(boardModule)) as { startSimulator: (o: object) => Promise<{ path: string; close(): Promise<void> }> };
    const sim = await startSimulator({ board: "rp2040", baud: 0, log: () => {} });
    const transport = await Transport.open(sim.path);
    const client = new BoardClient(transport, await loadWire(), { timeoutMs: 2000 });
    try {
      await client.hello();
      const bytes = new Uint8Array(3000).fill(1);
      const sha256 = new Uint8Array(createHash("sha256").update(bytes).digest());
      for (const interrupt of ["REMOVE", "START"]) {
        const ready = await client.request("UPLOAD_BEGIN", { mode: 0, name: "taken", size: bytes.length, sha256, caps: "", args: [] }, { expect: ["UPLOAD_READY"] });
        expect(ready.resumeOffset).toBe(0);
        await client.request("UPLOAD_CHUNK", { offset: 0, data: bytes.subarray(0, 1000) }).catch(() => {});
        // REMOVE frees the uploading slot; START (no module of that name is installed) is refused without touching it
        await client.request(interrupt, { name: "taken" }).catch(() => {});
        const chunk = await client.request("UPLOAD_CHUNK", { offset: 1000, data: bytes.subarray(1000, 2000) }).catch((e) => e);
        if (interrupt === "REMOVE") expect(chunk.codeName).toBe("NoUpload");
        const info = await client.info();
        expect(info.resetReason).toBe(0);
      }
    } finally {
      await transport.close();
      await sim.close();
    }
  });
});
