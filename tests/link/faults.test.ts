// Uploads over a flaky cable: `wasmcu install` through tools/link/fault-proxy.mjs
// (bits flipped, bytes dropped, doubled and delayed at 1e-3 per byte) to the
// JS simulator and to the native firmware. Every upload ends with the module
// stored byte for byte (the SHA-256 the board checked, reported by install
// --json and by ls --json, and the module runs) or with a clear error; a link
// cut mid-upload is resumed by the next upload from the board's offset. The
// lost-commit paths of tools/link/uploader.mjs are tested against the
// scripted board of fake-board.ts, where a reply can be lost on purpose.
//
// The long run: WASMCU_FAULT_UPLOADS=120 npx vitest run tests/link/faults.test.ts
// (rounds of 10 uploads, checked and removed after each round).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "../../tools/link/fault-proxy.mjs";
import { BoardClient } from "../../tools/link/client.mjs";
import { Transport } from "../../tools/link/transport.mjs";
import { loadWire } from "../../tools/link/wire.mjs";
import { startNativeBoard } from "../../tools/lib/native-board.mjs";
import { wasmcu, root, type CliRun } from "./run-cli";
import { FakeBoard } from "./fake-board";
import { ptyPair } from "./pty-pair";

const example = (path: string) => join(root, "build/examples", `${path}.wasm`);
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
/** Every capability the examples need (blink: gpio=25 clock, reactor: clock, counter and files: fs). */
const ALLOW = ["--allow", "gpio=25", "--allow", "clock", "--allow", "fs"];
/** 10 uploads of 10 to 64 KB: the examples in C and Rust, one of them twice under another name. */
const UPLOADS = [
  ["c/hello", "c-hello"],
  ["rust/hello", "rust-hello"],
  ["c/counter", "c-counter"],
  ["rust/blink", "rust-blink"],
  ["c/files", "c-files"],
  ["rust/counter", "rust-counter"],
  ["c/blink", "c-blink"],
  ["rust/reactor", "rust-reactor"],
  ["c/reactor", "c-reactor"],
  ["rust/hello", "rust-hello-2"],
];
/** How many uploads per board: 10 in `npm test`; WASMCU_FAULT_UPLOADS=120 for the long run. */
const UPLOAD_COUNT = Number(process.env.WASMCU_FAULT_UPLOADS ?? 10);
interface Outcome {
  name: string;
  file: string;
  status: number | null;
  upload?: Record<string, number | string | boolean>;
  error?: string;
}
/** What a failed upload must say (uploader.mjs, client.mjs): what happened and what to do. */
const CLEAR_ERROR = /the link loses too much.*the same command again goes on from there|stopped answering.*the same command goes on from there|the board does not answer/;

interface Board {
  path: string;
  stop(): Promise<void>;
}

async function startBoard(target: string): Promise<Board> {
  if (target === "native") {
    const board = await startNativeBoard({ baud: 0 });
    await board.waitFor((e) => e.event === "ready", 30_000);
    return { path: board.path, stop: async () => void (await board.stop()) };
  }
  const boardModule: string = "../../ports/sim/board.mjs";
  const { startSimulator } = (await import(boardModule)) as {
    startSimulator: (o: object) => Promise<{ path: string; close(): Promise<void> }>;
  };
  const sim = await startSimulator({ board: "rp2040", baud: 0, log: () => {} });
  return { path: sim.path, stop: () => sim.close() };
}

const json = (r: CliRun) => JSON.parse(r.stdout);

for (const target of ["sim", "native"]) {
  describe(`uploads through a faulty link to the ${target} board`, () => {
    let board: Board;
    let proxy: FaultProxy;
    beforeAll(async () => {
      board = await startBoard(target);
      proxy = await startFaultProxy({ port: board.path, rate: 1e-3, seed: target === "sim" ? 11 : 12 });
    }, 120_000);
    afterAll(async () => {
      await proxy?.close();
      await board?.stop();
    });

    it(`at 1e-3 faults per byte, ${UPLOAD_COUNT} uploads of 10-64 KB end stored byte for byte (SHA-256 on the board) or with a clear error`, async () => {
      const outcomes: Outcome[] = [];
      for (let round = 0; outcomes.length < UPLOAD_COUNT; round++) {
        proxy.setRate(1e-3);
        const batch: Outcome[] = [];
        for (const [path, name] of UPLOADS.slice(0, UPLOAD_COUNT - outcomes.length)) {
          const file = example(path);
          const r = await wasmcu(["install", file, "--name", name, "--json", ...ALLOW], proxy.path, { timeoutMs: 1000 });
          if (r.status === 0) {
            const { upload } = json(r);
            // the board compared the bytes with this hash at the commit, and said OK
            expect(upload.sha256, name).toBe(sha(file));
            expect(upload.skipped, `${name}: round ${round} found it stored already`).toBe(false);
            batch.push({ name, file, status: 0, upload });
          } else {
            expect(r.stderr, `${name} failed without saying why`).toMatch(CLEAR_ERROR);
            batch.push({ name, file, status: r.status, error: r.stderr.trim().split("\n").at(-1) });
          }
        }
        outcomes.push(...batch);
        // the checks go over a clean link
        proxy.setRate(0);
        await checkStored(batch);
        // an empty store for the next round, so that its uploads are not skipped
        for (const o of batch) await wasmcu(["rm", o.name], proxy.path, { timeoutMs: 3000 });
      }

      const installed = outcomes.filter((o) => o.status === 0);
      const total = (key: string) => installed.reduce((n, o) => n + Number(o.upload![key]), 0);
      const { toBoard, toHost } = proxy.stats;
      const faults = proxy.faults();
      console.log(
        `faults (${target}): ${faults} injected (to the board: ${toBoard.flip} flips, ${toBoard.drop} drops, ${toBoard.dup} duplicates, ${toBoard.delay} delays; ` +
          `to the host: ${toHost.flip + toHost.drop + toHost.dup + toHost.delay}) over ${toBoard.bytes + toHost.bytes} bytes; ` +
          `${installed.length} of ${outcomes.length} uploads stored, ${outcomes.length - installed.length} failed with a clear error; ` +
          `${total("retransmits")} chunks sent again, ${total("resumes")} resumes, ${total("commitResends")} commits sent again, ${total("requestsResent")} requests sent again, ${total("hintedGoBacks")} go-backs on a BadFrame hint`,
      );
      for (const o of outcomes) if (o.status !== 0) console.log(`  ${o.name}: exit ${o.status}: ${o.error}`);
      expect(faults).toBeGreaterThan(10 * UPLOAD_COUNT);
      // the link is bad, not hopeless: nearly every upload gets through
      expect(installed.length).toBeGreaterThanOrEqual(Math.ceil(UPLOAD_COUNT * 0.8));
    }, 40_000 * UPLOAD_COUNT);

    /** What the board holds after a round: every module reported installed, byte for byte, and it runs; no other bytes under these names. */
    async function checkStored(batch: Outcome[]): Promise<void> {
      const ls = await wasmcu(["ls", "--json"], proxy.path, { timeoutMs: 3000 });
      expect(ls.status, ls.stderr).toBe(0);
      const held = new Map<string, { sha256: string; installed: boolean }>(json(ls).modules.map((m: { name: string }) => [m.name, m]));
      for (const o of batch) {
        const entry = held.get(o.name);
        if (o.status === 0) expect(entry, o.name).toMatchObject({ installed: true, sha256: sha(o.file) });
        else if (entry) expect(entry.sha256, `${o.name}: a failed upload left other bytes`).toBe(sha(o.file));
      }
      // each runs, one at a time (their memories together exceed the board's RAM):
      // started, it exits 0 or keeps running (the reactors, blink's toggling)
      for (const o of batch.filter((x) => x.status === 0)) {
        const start = await wasmcu(["start", o.name], proxy.path, { timeoutMs: 3000 });
        expect(start.status, `${o.name}: ${start.stderr}`).toBe(0);
        const s = json(await wasmcu(["ls", "--json"], proxy.path, { timeoutMs: 3000 })).modules.find((m: { name: string }) => m.name === o.name);
        expect(["running", "exited"], `${o.name}: ${JSON.stringify(s)}`).toContain(s.state);
        expect(s.lastExit, o.name).toBe(0);
        expect((await wasmcu(["stop", o.name], proxy.path, { timeoutMs: 3000 })).status).toBe(0);
      }
    }

    it("wasmcu run through the faulty link: each run shows all of the module's output and its exit", async () => {
      proxy.setRate(1e-3);
      const faultsBefore = proxy.faults();
      for (let i = 0; i < 4; i++) {
        const r = await wasmcu(["run", example(i % 2 ? "rust/hello" : "c/hello"), "--name", `run-${i}`], proxy.path, { timeoutMs: 1000 });
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toBe(`hello from ${i % 2 ? "Rust" : "C"} on wasmcu\n2 + 3 = 5\n`);
      }
      expect(proxy.faults()).toBeGreaterThan(faultsBefore);
    }, 200_000);

    it("a link cut mid-upload: the next install resumes from the board's offset, not from 0", async () => {
      proxy.setRate(0);
      const file = example("rust/hello");
      const size = readFileSync(file).length;
      // a name of its own, so that no stored copy makes the board skip the upload
      const name = `cut-${target}`;
      proxy.cutAfter(20_000);
      const cut = await wasmcu(["install", file, "--name", name], proxy.path, { timeoutMs: 500 });
      expect(cut.status).toBe(4);
      expect(cut.stderr).toMatch(/It keeps the \d+ bytes it has: once it answers again, the same command goes on from there/);
      proxy.restore();

      const before = proxy.stats.toBoard.bytes;
      const r = await wasmcu(["install", file, "--name", name, "--json"], proxy.path, { timeoutMs: 1000 });
      expect(r.status, r.stderr).toBe(0);
      const { upload } = json(r);
      const sentToBoard = proxy.stats.toBoard.bytes - before;
      // the board had most of the first 20 KB (the chunks in flight at the cut are lost)
      expect(upload.resumedFrom).toBeGreaterThan(10_000);
      expect(upload.resumedFrom).toBeLessThan(20_000);
      // only the rest went over the link: its data once (no faults now), and the frames' overhead
      expect(upload.sentBytes).toBe(size - upload.resumedFrom);
      expect(sentToBoard).toBeLessThan(size - upload.resumedFrom + 3_000);
      expect(r.stderr).toMatch(new RegExp(`resumed at byte ${upload.resumedFrom}`));
      const entry = json(await wasmcu(["ls", "--json"], proxy.path, { timeoutMs: 3000 })).modules.find((m: { name: string }) => m.name === name);
      expect(entry).toMatchObject({ installed: true, sha256: sha(file) });
    }, 120_000);
  });
}

describe("a lost UPLOAD_COMMIT or a lost answer to it (scripted board)", () => {
  const bytes = Uint8Array.from({ length: 900 }, (_, i) => (i * 13) & 0xff);
  const digest = createHash("sha256").update(bytes).digest("hex");
  let pair: Awaited<ReturnType<typeof ptyPair>>;
  let fake: FakeBoard;
  let transport: Transport;
  let client: BoardClient;
  beforeAll(async () => {
    pair = await ptyPair();
  });
  afterAll(async () => {
    await pair?.stop();
  });
  const open = async () => {
    fake = new FakeBoard(pair.board);
    await fake.start();
    transport = await Transport.open(pair.host);
    client = new BoardClient(transport, await loadWire(), { timeoutMs: 150, commitTimeoutMs: 1500 });
  };
  const close = async () => {
    await transport.close();
    await fake.stop();
  };

  it("a commit lost on the way is told from a slow one by a PING, and sent again", async () => {
    await open();
    fake.ignore.set("UPLOAD_COMMIT", 1);
    const r = await client.upload(bytes, { name: "lost-commit", mode: "install" });
    expect(r.commitResends).toBe(1);
    expect(fake.received.filter((m) => m.type === "UPLOAD_COMMIT")).toHaveLength(2);
    expect(fake.received.some((m) => m.type === "PING")).toBe(true);
    expect(Buffer.from(fake.modules.get("lost-commit")!.sha256).toString("hex")).toBe(digest);
    await close();
  });

  it("a commit served whose OK was lost: the second commit's NoUpload and the board's list say it is stored", async () => {
    await open();
    let dropped = false;
    const send = fake.send.bind(fake);
    fake.send = (type: string, id: number, fields: object = {}) => {
      const commit = fake.received.at(-1);
      if (!dropped && type === "OK" && commit?.type === "UPLOAD_COMMIT" && commit.id === id) {
        dropped = true;
        return;
      }
      send(type, id, fields);
    };
    let committed = 0;
    const r = await client.upload(bytes, { name: "lost-ok", mode: "install", onCommitted: () => committed++ });
    expect(dropped).toBe(true);
    expect(r.commitResends).toBe(1);
    expect(committed).toBe(1);
    expect(fake.received.filter((m) => m.type === "LIST")).not.toHaveLength(0);
    // stored once: no chunk went twice
    expect(fake.received.filter((m) => m.type === "UPLOAD_CHUNK")).toHaveLength(Math.ceil(bytes.length / fake.chunkSize));
    await close();
  });

  it("a board that never answers the commit ends in a BoardTimeout, not a hang", async () => {
    await open();
    fake.ignore.set("UPLOAD_COMMIT", 100);
    fake.ignore.set("PING", 100);
    const started = Date.now();
    const e = await client.upload(bytes, { name: "silent", mode: "install" }).catch((x) => x);
    expect(e?.name).toBe("BoardTimeout");
    expect(Date.now() - started).toBeLessThan(5_000);
    await close();
  }, 60_000);
});

describe("wasmcu run when the module's EXIT event is lost (scripted board)", () => {
  it("ends as the board's module list says, with the module's output", async () => {
    const pair = await ptyPair();
    const fake = new FakeBoard(pair.board);
    await fake.start();
    fake.scripts.set("quiet", { output: [{ stream: 1, text: "all of it\n" }], exit: { kind: 0, code: 7, message: "" } });
    const send = fake.send.bind(fake);
    fake.send = (type: string, id: number, fields: object = {}) => {
      if (type === "EXIT") {
        // lost on the link; the board's list knows the module ended
        const m = fake.modules.get("quiet")!;
        m.state = 2;
        m.lastExit = 7;
        return;
      }
      send(type, id, fields);
    };
    const file = join(pair.board, "..", "quiet.wasm");
    writeFileSync(file, Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
    const started = Date.now();
    const r = await wasmcu(["run", file], pair.host, { timeoutMs: 500 });
    expect(r.stdout).toBe("all of it\n");
    expect(r.status, r.stderr).toBe(7);
    expect(Date.now() - started).toBeLessThan(15_000);
    await fake.stop();
    await pair.stop();
  }, 30_000);
});

describe("node tools/link/fault-proxy.mjs", () => {
  it("prints its pty's path first, forwards with faults, and what it did as JSON when stopped", async () => {
    const pair = await ptyPair();
    const fake = new FakeBoard(pair.board);
    await fake.start();
    const child = spawn(process.execPath, [join(root, "tools/link/fault-proxy.mjs"), "--port", pair.host, "--rate", "0.01", "--seed", "3", "--kinds", "flip,drop"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const started = Date.now();
    while (!out.includes("\n") && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    const path = out.split("\n")[0];
    expect(path).toMatch(/^\/dev\/pts\/\d+$/);
    const transport = await Transport.open(path);
    const client = new BoardClient(transport, await loadWire(), { timeoutMs: 300, retries: 5 });
    for (let i = 0; i < 20; i++) await client.info();
    await transport.close();
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    const stats = JSON.parse(out.trim().split("\n").at(-1)!);
    expect(stats.event).toBe("stats");
    expect(stats.toHost.bytes).toBeGreaterThan(1000);
    expect(stats.toHost.flip + stats.toHost.drop + stats.toBoard.flip + stats.toBoard.drop).toBe(stats.faults);
    expect(stats.faults).toBeGreaterThan(0);
    expect(stats.toHost.dup + stats.toHost.delay + stats.toBoard.dup + stats.toBoard.delay).toBe(0);
    await fake.stop();
    await pair.stop();
  }, 30_000);
});
