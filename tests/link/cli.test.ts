// The board commands of `wasmcu` (tools/cli) end to end: the CLI in a child
// process, a scripted board (fake-board.ts) on the other end of a socat pty
// pair. Checks what a user sees: output, --json documents, exit statuses.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeBoard } from "./fake-board";
import { ptyPair, type PtyPair } from "./pty-pair";
import { wasmcu as run } from "./run-cli";

const temp = mkdtempSync(join(tmpdir(), "wasmcu-cli-"));
/** the smallest valid module: the header alone */
const emptyModule = join(temp, "empty.wasm");
writeFileSync(emptyModule, Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
/** a type section that says 5 bytes and has 2 */
const truncated = join(temp, "truncated.wasm");
writeFileSync(truncated, Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60]));

/** a command that sets a pin: it needs --allow gpio=<pin> */
const blink = join(temp, "blink.wasm");
writeFileSync(
  join(temp, "blink.wat"),
  `(module
     (import "wasmcu" "gpio_write" (func $write (param i32 i32) (result i32)))
     (func (export "_start") (drop (call $write (i32.const 25) (i32.const 1)))))`,
);
execFileSync("wat2wasm", [join(temp, "blink.wat"), "-o", blink]);

let pair: PtyPair;
let board: FakeBoard;
beforeAll(async () => {
  pair = await ptyPair();
});
afterAll(async () => {
  await pair?.stop();
  rmSync(temp, { recursive: true, force: true });
});
beforeEach(async () => {
  board = new FakeBoard(pair.board);
  await board.start();
});
afterEach(async () => {
  await board.stop();
});

/** `wasmcu args...` on the scripted board's pty (port: false: args as they are). */
const wasmcu = (args: string[], { port = true } = {}) => run(args, port ? pair.host : null, { timeoutMs: 500 });

describe("wasmcu info", () => {
  it("describes the board, and shows its banner on stderr", async () => {
    board.sendText("wasmcu 0.0-fake on fake\r\n");
    const r = await wasmcu(["info"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^board +fake on .*\(given with --port\)$/m);
    expect(r.stdout).toMatch(/^engine +Wasm 2.0 \+ tail-call, extended-const, custom-page-sizes, wasi$/m);
    expect(r.stdout).toMatch(/^RAM +200.0 KiB free of 264.0 KiB$/m);
  });

  it("--json: one document", async () => {
    const r = await wasmcu(["info", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ board: "fake", protocol: 1, ram: { total: 264 * 1024 }, upload: { maxChunk: 200, window: 4 }, resetReason: "power-on", safeMode: false });
  });

  it("exits 3 when the port cannot be opened, 4 when the board does not answer", async () => {
    const missing = await wasmcu(["info", "--port", join(temp, "no-such-port"), "--json"], { port: false });
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/^wasmcu: cannot open .*no-such-port: No such file or directory/);
    expect(JSON.parse(missing.stdout).error).toMatchObject({ exit: 3, kind: "port" });

    board.ignore.set("HELLO", 100);
    const silent = await wasmcu(["info", "--timeout", "100"]);
    expect(silent.status, silent.stderr).toBe(4);
    expect(silent.stderr).toMatch(/the board does not answer \(HELLO: no reply in 0.1 s, 3 tries\)/);
  });

  it("sets DTR/RTS only when asked; on a pty that is a warning", async () => {
    const r = await wasmcu(["info", "--dtr", "0", "--rts", "1"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^wasmcu: cannot set DTR\/RTS on .*: Inappropriate ioctl for device/m);
    expect((await wasmcu(["info"])).stderr).not.toContain("DTR");
    expect((await wasmcu(["info", "--dtr", "maybe"])).status).toBe(2);
  });

  it("exits 2 on a bad option value", async () => {
    const r = await wasmcu(["info", "--baud", "fast"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--baud must be a positive whole number");
  });
});

describe("wasmcu run", () => {
  it("streams the module's stdout and stderr apart and exits with its code", async () => {
    board.scripts.set("empty", {
      output: [
        { stream: 1, text: "hello " },
        { stream: 2, text: "warning\n" },
        { stream: 1, text: "world\n" },
        { stream: 3, text: "a log record" },
      ],
      exit: { kind: 0, code: 7, message: "" },
    });
    const r = await wasmcu(["run", "--allow", "clock", emptyModule, "one", "--two"]);
    expect(r.status, r.stderr).toBe(7);
    expect(r.stdout).toBe("hello world\n");
    expect(r.stderr).toContain("warning\n");
    expect(r.stderr).toContain("empty: a log record\n");
    // stderr is not a terminal: one summary line instead of a bar
    expect(r.stderr).toMatch(/^wasmcu: empty: sent 8 bytes in \d+\.\d\d s \(.*\/s\)$/m);
    expect(board.received.find((m) => m.type === "UPLOAD_BEGIN")).toMatchObject({ mode: 0, name: "empty", caps: "clock", args: ["one", "--two"] });
  });

  it("fills in the output whose LOG events the board skipped, from its history", async () => {
    board.log(1, "other", "before\n"); // seq 0: not this run's
    board.skipLogEvents = new Set([2, 4, 5]);
    board.scripts.set("empty", {
      output: ["one\n", "two\n", "three\n", "four\n", "five\n"].map((text) => ({ stream: 1, text })),
      exit: { kind: 0, code: 0, message: "" },
    });
    const r = await wasmcu(["run", emptyModule]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("one\ntwo\nthree\nfour\nfive\n");
    expect(r.stderr).not.toContain("gone from the board's log");
  });

  it("says how many records the board's history no longer had", async () => {
    board.ringSize = 2;
    board.skipLogEvents = new Set([0, 1, 2]);
    board.scripts.set("empty", {
      output: ["one\n", "two\n", "three\n", "four\n", "five\n"].map((text) => ({ stream: 1, text })),
      exit: { kind: 0, code: 0, message: "" },
    });
    const r = await wasmcu(["run", emptyModule]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("four\nfive\n");
    expect(r.stderr).toContain("wasmcu: 3 log records were gone from the board's log before they could be shown");
  });

  it("exits 134 after a trap, with the board's message", async () => {
    board.scripts.set("crash", { output: [], exit: { kind: 1, code: 3, message: "integer divide by zero" } });
    const r = await wasmcu(["run", "--name", "crash", emptyModule]);
    expect(r.status).toBe(134);
    expect(r.stderr).toContain("wasmcu: trap: integer divide by zero\n");
  });

  it("--json: the output and the exit in one document", async () => {
    board.scripts.set("empty", { output: [{ stream: 1, text: "hi\n" }], exit: { kind: 0, code: 0, message: "" } });
    const r = await wasmcu(["run", "--json", emptyModule]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      name: "empty",
      exit: { kind: "exited", code: 0 },
      output: [{ stream: "stdout", text: "hi\n", name: "empty" }],
      upload: { skipped: false, bytes: 8 },
    });
  });

  it("--detach returns once the module started", async () => {
    const r = await wasmcu(["run", "--detach", emptyModule]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("empty is running on the board");
  });

  it("takes the EXIT of the module it replaced for what it is, not for the new one's", async () => {
    expect((await wasmcu(["run", "--detach", emptyModule])).status).toBe(0);
    board.scripts.set("empty", { output: [{ stream: 1, text: "new\n" }], exit: { kind: 0, code: 5, message: "" } });
    const r = await wasmcu(["run", emptyModule]);
    expect(r.stdout).toBe("new\n");
    expect(r.status, r.stderr).toBe(5);
  });

  it("refuses an invalid module with the engine's words and offset, exit 65, sending nothing", async () => {
    const r = await wasmcu(["run", "--json", truncated]);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/^wasmcu: .*truncated.wasm: not a valid module: at byte 0x8: .+; nothing was sent to the board$/m);
    expect(JSON.parse(r.stdout).error).toMatchObject({ exit: 65, stage: "load", offset: 8, malformed: true });
    expect(board.received).toEqual([]);
  });

  it("refuses a module whose imports the grant does not cover, as the board would (exit 65)", async () => {
    const r = await wasmcu(["run", blink]);
    expect(r.status).toBe(65);
    expect(r.stderr).toContain("blink.wasm: import wasmcu.gpio_write needs capability gpio (grant it with --allow gpio=<pin>); nothing was sent");
    expect(board.received).toEqual([]);
    board.scripts.set("blink", { output: [], exit: { kind: 0, code: 0, message: "" } });
    const granted = await wasmcu(["run", "--allow", "gpio=25", blink]);
    expect(granted.status, granted.stderr).toBe(0);
    expect(board.received.find((m) => m.type === "UPLOAD_BEGIN")).toMatchObject({ name: "blink", caps: "gpio=25" });
  });

  it("refuses a bad --allow (exit 2) and a missing file (exit 1) before looking for the board", async () => {
    const r = await wasmcu(["run", "--allow", "gpio=99", emptyModule]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("wasmcu: --allow: gpio=99: pins go from 0 to 63");
    const missing = await wasmcu(["run", join(temp, "nothing.wasm")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nothing.wasm: no such file/);
    expect(board.received).toEqual([]);
  });
});

describe("wasmcu install, ls, start, stop, rm", () => {
  it("installs, lists, skips the same bytes, and manages the module by name", async () => {
    const first = await wasmcu(["install", "--autostart", "--allow", "gpio=25", "--allow", "clock", emptyModule, "--name", "blink"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain("installed blink, started");

    const again = await wasmcu(["install", "--allow", "gpio=25", "--allow", "clock", emptyModule, "--name", "blink"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("the board already has these 8 bytes (same SHA-256): not sent again");
    expect(board.received.filter((m) => m.type === "UPLOAD_CHUNK")).toHaveLength(1);
    // not sent again, but the autostart flag is what this install asked for
    expect(board.modules.get("blink")!.autostart).toBe(false);

    const ls = await wasmcu(["ls", "--json"]);
    expect(ls.status, ls.stderr).toBe(0);
    expect(JSON.parse(ls.stdout).modules).toEqual([
      expect.objectContaining({ name: "blink", size: 8, installed: true, caps: "gpio=25 clock", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const table = await wasmcu(["ls"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^NAME +SIZE +STATE +AUTOSTART/);
    expect(table.stdout.split("\n")[1]).toMatch(/^blink +8 +\w+ +(yes|no) +flash/);

    expect((await wasmcu(["stop", "blink"])).status).toBe(0);
    expect((await wasmcu(["start", "blink"])).status).toBe(0);
    expect((await wasmcu(["rm", "blink"])).status).toBe(0);
    const gone = await wasmcu(["start", "blink", "--json"]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain("wasmcu: the board refused: no module named blink (NoSuchModule)");
    expect(JSON.parse(gone.stdout).error).toMatchObject({ exit: 1, kind: "board", code: "NoSuchModule" });
  });
});

describe("wasmcu logs", () => {
  it("prints the history of one module, or of all with their names", async () => {
    board.log(1, "a", "a1\n");
    board.log(1, "b", "b1\nb2");
    board.log(3, "a", "note");
    board.log(1, "a", "a2\n");
    const one = await wasmcu(["logs", "a"]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toBe("a1\na: note\na2\n");
    const all = await wasmcu(["logs"]);
    expect(all.stdout).toBe("a| a1\nb| b1\na: note\na| a2\nb| b2\n");
    const json = await wasmcu(["logs", "--json", "b"]);
    expect(JSON.parse(json.stdout)).toEqual({ records: [{ seq: 1, name: "b", stream: "stdout", text: "b1\nb2" }], nextSeq: 4 });
  });
});
