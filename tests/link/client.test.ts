// tools/link/client.mjs against a scripted board (fake-board.ts) on a socat
// pty pair: handshake, retries and timeouts, paging, typed errors, events,
// and the upload's flow control (window, lost chunks, resume, skip).
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BoardClient, BoardError, BoardTimeout, ProtocolError } from "../../tools/link/client.mjs";
import { Transport } from "../../tools/link/transport.mjs";
import { loadWire, type Message, type Wire } from "../../tools/link/wire.mjs";
import { FakeBoard } from "./fake-board";
import { ptyPair, type PtyPair } from "./pty-pair";

let pair: PtyPair;
let wire: Wire;
beforeAll(async () => {
  pair = await ptyPair();
  wire = await loadWire();
});
afterAll(async () => {
  await pair?.stop();
});

let board: FakeBoard;
let transport: Transport;
let banner: string[];
beforeEach(async () => {
  board = new FakeBoard(pair.board);
  await board.start();
  transport = await Transport.open(pair.host);
  banner = [];
});
afterEach(async () => {
  await transport.close();
  await board.stop();
});

const client = (options: { timeoutMs?: number; retries?: number } = {}) =>
  new BoardClient(transport, wire, { timeoutMs: 300, onBanner: (line) => banner.push(line), ...options });

/** n bytes that differ from one upload to the next. */
function moduleBytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("BoardClient", () => {
  it("shakes hands, and hands text outside frames to onBanner line by line", async () => {
    const c = client();
    board.sendText("wasmcu 0.0-fake on fake\r\nsecond line\n");
    const info = await c.hello();
    expect(info).toMatchObject({ type: "HELLO_OK", protoVersion: 1, board: "fake", firmware: "0.0-fake", maxChunk: 200, window: 4, safeMode: false });
    expect(banner).toEqual(["wasmcu 0.0-fake on fake", "second line"]);
    expect(c.board).toBe(info);
  });

  it("says so when the board speaks another protocol version", async () => {
    board.protoVersion = 2;
    await expect(client().hello()).rejects.toThrow(ProtocolError);
    await expect(client().hello()).rejects.toThrow(/refused this wasmcu's protocol version 1: this board speaks protocol version 2/);
  });

  it("sends an idempotent request again, with the same id, when the reply does not come", async () => {
    board.ignore.set("INFO", 2);
    const info = await client({ retries: 2 }).info();
    expect(info.type).toBe("INFO_OK");
    const sent = board.received.filter((m) => m.type === "INFO");
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => m.id)).size).toBe(1);
  });

  it("gives up with BoardTimeout after the retries", async () => {
    board.ignore.set("PING", 10);
    const started = Date.now();
    await expect(client({ timeoutMs: 100, retries: 1 }).ping()).rejects.toThrow(BoardTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(board.received.filter((m) => m.type === "PING")).toHaveLength(2);
  });

  it("says when garbled frames came instead of an answer (a wrong baud rate)", async () => {
    board.ignore.set("PING", 10);
    const c = client({ timeoutMs: 100, retries: 0 });
    const ping = c.ping();
    board.port.write(Buffer.from([0x00, 0x83, 0x91, 0xf7, 0x00, 0x05, 0xff, 0x10, 0x00]));
    await expect(ping).rejects.toThrow(/no reply in 0.1 s\); 2 garbled frames came instead: is --baud the board's rate\?/);
  });

  it("never sends a request that changes something twice", async () => {
    board.ignore.set("STOP", 1);
    await expect(client({ timeoutMs: 100, retries: 3 }).stop("x")).rejects.toThrow(BoardTimeout);
    expect(board.received.filter((m) => m.type === "STOP")).toHaveLength(1);
  });

  it("turns ERROR replies into BoardError with the code", async () => {
    const e = await client().start("nothing").catch((x) => x);
    expect(e).toBeInstanceOf(BoardError);
    expect(e).toMatchObject({ codeName: "NoSuchModule", code: 4, message: "no module named nothing" });
  });

  it("lists every module over several LIST replies", async () => {
    const c = client();
    for (let i = 0; i < 5; i++) await c.upload(moduleBytes(50, i), { name: `m${i}`, mode: "install", caps: "clock" });
    const list = await c.list();
    expect(list.map((e) => e.name)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(list[0]).toMatchObject({ size: 50, caps: "clock", persisted: true });
    expect(Buffer.from(list[3].sha256).toString("hex")).toBe(sha(moduleBytes(50, 3)));
    expect(board.received.filter((m) => m.type === "LIST").map((m) => m.first)).toEqual([0, 2, 4]);
  });

  it("reads the whole log history over several LOGS replies", async () => {
    for (let i = 0; i < 7; i++) board.log(1, "m", `line ${i}\n`);
    const c = client();
    await new Promise((r) => setTimeout(r, 50)); // the LOG events above go by first
    const { records, nextSeq } = await c.logs(2);
    expect(records.map((r) => new TextDecoder().decode(r.data))).toEqual(["line 2\n", "line 3\n", "line 4\n", "line 5\n", "line 6\n"]);
    expect(nextSeq).toBe(7);
  });

  it("passes LOG and EXIT events to listeners", async () => {
    const c = client();
    const events: Message[] = [];
    c.on("LOG", (e) => events.push(e));
    const off = c.on("EXIT", (e) => events.push(e));
    board.scripts.set("hello", { output: [{ stream: 1, text: "hi\n" }, { stream: 2, text: "oops\n" }], exit: { kind: 0, code: 3, message: "" } });
    await c.upload(moduleBytes(10, 9), { name: "hello", args: ["a b", "c"] });
    const started = Date.now();
    while (events.length < 3 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(events.map((e) => [e.type, e.stream ?? e.code, e.data ? new TextDecoder().decode(e.data) : e.name])).toEqual([
      ["LOG", 1, "hi\n"],
      ["LOG", 2, "oops\n"],
      ["EXIT", 3, "hello"],
    ]);
    expect(board.received.find((m) => m.type === "UPLOAD_BEGIN")).toMatchObject({ mode: 0, args: ["a b", "c"] });
    off();
  });
});

describe("BoardClient.upload", () => {
  it("sends the module in the board's chunk size, never more than its window unacknowledged", async () => {
    board.holdAcksMs = 20;
    const bytes = moduleBytes(3000, 1);
    const progress: number[] = [];
    const r = await client().upload(bytes, { name: "big", mode: "install" }, (done) => progress.push(done));
    expect(r).toMatchObject({ skipped: false, resumedFrom: 0, bytes: 3000, retransmits: 0 });
    expect(sha(board.modules.get("big")!.bytes)).toBe(sha(bytes));
    const chunks = board.received.filter((m) => m.type === "UPLOAD_CHUNK");
    expect(chunks.map((m) => m.data.length)).toEqual([...Array(15).fill(200)]);
    expect(board.maxInFlight).toBe(4);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(3000);
  });

  it("goes back to the last acknowledged offset when an ACK shows a lost chunk", async () => {
    board.dropChunks.add(400);
    const bytes = moduleBytes(2000, 2);
    const r = await client().upload(bytes, { name: "lossy", mode: "install" });
    expect(r.retransmits).toBeGreaterThan(0);
    expect(sha(board.modules.get("lossy")!.bytes)).toBe(sha(bytes));
    const offsets = board.received.filter((m) => m.type === "UPLOAD_CHUNK").map((m) => m.offset);
    // 400 was lost; 600..1000 arrived past the gap; everything from 400 was sent again, once
    expect(offsets.slice(0, 7)).toEqual([0, 200, 400, 600, 800, 1000, 400]);
    expect(offsets.filter((o) => o === 400)).toHaveLength(2);
  });

  it("goes back too on an UploadOutOfOrder error", async () => {
    board.outOfOrderError = true;
    board.dropChunks.add(0);
    const bytes = moduleBytes(1000, 3);
    await client().upload(bytes, { name: "ooo", mode: "install" });
    expect(sha(board.modules.get("ooo")!.bytes)).toBe(sha(bytes));
  });

  it("sends again after a timeout when the last chunk (or its ACK) is lost", async () => {
    board.dropChunks.add(1800);
    const bytes = moduleBytes(1900, 4);
    const r = await client({ timeoutMs: 150 }).upload(bytes, { name: "tail", mode: "install" });
    expect(r.retransmits).toBe(1);
    expect(sha(board.modules.get("tail")!.bytes)).toBe(sha(bytes));
  });

  it("resumes an interrupted upload where the board says", async () => {
    const bytes = moduleBytes(2000, 5);
    // the board takes 1000 bytes, then goes silent: the host gives up
    board.stallFrom = 1000;
    await expect(client({ timeoutMs: 100, retries: 1 }).upload(bytes, { name: "resumed", mode: "install" })).rejects.toThrow(
      "the board stopped acknowledging the upload at byte 1000 of 2000",
    );
    board.stallFrom = Infinity;
    const r = await client().upload(bytes, { name: "resumed", mode: "install" });
    expect(r.resumedFrom).toBe(1000);
    expect(board.received.filter((m) => m.type === "UPLOAD_CHUNK" && m.offset < 1000).map((m) => m.offset)).toEqual([0, 200, 400, 600, 800]);
    expect(sha(board.modules.get("resumed")!.bytes)).toBe(sha(bytes));
  });

  it("skips the chunks when the board already holds the same bytes under that name, and commits", async () => {
    const bytes = moduleBytes(500, 6);
    const c = client();
    expect((await c.upload(bytes, { name: "same", mode: "install" })).skipped).toBe(false);
    const before = board.received.length;
    expect((await c.upload(bytes, { name: "same", mode: "install", autostart: true, caps: "clock" })).skipped).toBe(true);
    expect(board.received.slice(before).map((m) => m.type)).toEqual(["UPLOAD_BEGIN", "UPLOAD_COMMIT"]);
    expect(board.modules.get("same")).toMatchObject({ autostart: true, caps: "clock", state: 1 });
  });

  it("after a skip, starts the module itself when the board has nothing to commit (NoUpload)", async () => {
    board.commitsSkipped = false;
    const bytes = moduleBytes(500, 8);
    const c = client();
    await c.upload(bytes, { name: "same", mode: "install" });
    const before = board.received.length;
    expect((await c.upload(bytes, { name: "same", mode: "install", autostart: true })).skipped).toBe(true);
    expect(board.received.slice(before).map((m) => m.type)).toEqual(["UPLOAD_BEGIN", "UPLOAD_COMMIT", "START"]);
    expect(board.modules.get("same")).toMatchObject({ autostart: true, state: 1 });
  });

  it("reports the board's refusal at commit", async () => {
    const c = client();
    const bytes = moduleBytes(300, 7);
    // the board ends up with other bytes than the host's hash says
    const original = board.uploadChunk.bind(board);
    board.uploadChunk = (m) => original({ ...m, data: m.data.map((b: number) => b ^ 1) });
    const e = await c.upload(bytes, { name: "bad", mode: "install" }).catch((x) => x);
    expect(e).toBeInstanceOf(BoardError);
    expect(e.codeName).toBe("HashMismatch");
  });
});
