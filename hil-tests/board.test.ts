// The hardware-in-the-loop suite: what a user does with a board, through the
// `wasmcu` command, on each target of harness.ts (sim and native unless
// WASMCU_TARGET names one). After every case the board must still answer.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Target, buildExamples, sleep, startTarget, targets, wasmcu } from "./harness";

/** (module (func (export "_start") (loop (br 0)))): a module stuck in an endless loop. */
const SPIN = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74,
  0x61, 0x72, 0x74, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b,
]);

const HELLO_TEXT: Record<string, string> = { c: "C", rust: "Rust", as: "AssemblyScript" };

interface Entry {
  name: string;
  state: string;
  autostart: boolean;
  installed: boolean;
  size: number;
  sha256: string;
}

function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

describe.each(targets())("board %s", (targetName) => {
  let board: Target;
  let example: (lang: string, name: string) => string;
  let spinFile: string;

  const list = (): Entry[] => {
    const r = wasmcu(board, "ls", ["--json"]);
    expect(r.code, r.stderr).toBe(0);
    return json<{ modules: Entry[] }>(r.stdout).modules;
  };
  const entry = (name: string) => list().find((e) => e.name === name);
  const logText = (name: string): string => {
    const r = wasmcu(board, "logs", ["--json", name]);
    expect(r.code, r.stderr).toBe(0);
    return json<{ records: { text: string }[] }>(r.stdout)
      .records.map((x) => x.text)
      .join("");
  };
  /** Resets the board and waits until it has booted again. */
  const resetBoard = async () => {
    const from = board.events.length;
    const r = wasmcu(board, "reset");
    expect(r.code, r.stderr).toBe(0);
    if (board.simulated) await board.waitForEvent((e) => e.event === "ready", 30_000, from);
    else await sleep(3000);
  };

  beforeAll(async () => {
    example = buildExamples();
    spinFile = join(mkdtempSync(join(tmpdir(), "wasmcu-hil-")), "spin.wasm");
    writeFileSync(spinFile, SPIN);
    board = await startTarget(targetName);
  });

  afterAll(async () => {
    await board?.stop();
  });

  afterEach(() => {
    // whatever a case did, the board answers
    const r = wasmcu(board, "info", ["--json"], 10_000);
    expect(r.code, r.stderr).toBe(0);
  });

  it("answers info with what it is", () => {
    const r = wasmcu(board, "info", ["--json"]);
    expect(r.code, r.stderr).toBe(0);
    const info = json<{ board: string; firmware: string; flash: { total: number } }>(r.stdout);
    if (board.simulated) expect(info.board).toBe(`rp2040-${targetName}`);
    expect(info.firmware).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.flash.total).toBeGreaterThan(0);
  });

  it.each(["c", "rust", "as"])("runs the %s hello example and streams its output", (lang) => {
    const r = wasmcu(board, "run", [example(lang, "hello")]);
    expect(r.stderr).not.toMatch(/refused|error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`hello from ${HELLO_TEXT[lang]} on wasmcu\n2 + 3 = 5\n`);
  });

  it("refuses a module that imports what it was not granted, naming the capability", () => {
    // the host checks with the board's own code (tools/link/validate.mjs) and sends nothing: exit 65
    const r = wasmcu(board, "run", [example("c", "blink")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("wasmcu.gpio_mode needs capability gpio");
    expect(r.stderr).toContain("--allow gpio=<pin>");
  });

  it.each(["c", "rust", "as"])("blinks pin 25 with the %s blink example", async (lang) => {
    const from = board.events.length;
    const r = wasmcu(board, "run", ["--allow", "gpio=25", "--allow", "clock", example(lang, "blink")]);
    expect(r.code, r.stderr).toBe(0);
    if (!board.simulated) return;
    // the board's event lines were read while the command ran; let them arrive
    await sleep(300);
    const levels = board.events.slice(from).filter((e) => e.event === "gpio" && e.pin === 25).map((e) => e.level);
    // five blinks: on and off five times, in turn
    const changes = levels.filter((l, i) => i > 0 && l !== levels[i - 1]).length;
    expect(changes).toBeGreaterThanOrEqual(9);
  });

  it("runs two reactors at once, and stops a module stuck in an endless loop", async () => {
    try {
      await twoReactorsAndASpin();
    } finally {
      // whatever failed, the later cases need the board's RAM back
      for (const name of ["spin", "r1", "r2"]) wasmcu(board, "stop", [name]);
    }
  });

  const twoReactorsAndASpin = async () => {
    expect(wasmcu(board, "run", ["--detach", "--name", "r1", "--allow", "clock", example("c", "reactor")]).code).toBe(0);
    expect(wasmcu(board, "run", ["--detach", "--name", "r2", "--allow", "clock", example("rust", "reactor")]).code).toBe(0);
    // no CPU budget: this module must end by STOP (hostile.test.ts has the budget)
    expect(wasmcu(board, "run", ["--detach", "--name", "spin", "--allow", "cpu=0", spinFile]).code).toBe(0);
    await sleep(1500);
    const states = Object.fromEntries(list().map((e) => [e.name, e.state]));
    expect(states).toMatchObject({ r1: "running", r2: "running", spin: "running" });
    // both reactors keep looping while the spinning module runs beside them
    const before = [logText("r1").match(/loop \d+/g)?.length ?? 0, logText("r2").match(/loop \d+/g)?.length ?? 0];
    expect(before[0]).toBeGreaterThan(0);
    expect(before[1]).toBeGreaterThan(0);
    const started = performance.now();
    const stop = wasmcu(board, "stop", ["spin"]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(entry("spin")?.state).toBe("stopped");
    expect(wasmcu(board, "stop", ["r1"]).code).toBe(0);
    expect(wasmcu(board, "stop", ["r2"]).code).toBe(0);
  };

  it("keeps an installed module across a reset but not a run one", async () => {
    expect(wasmcu(board, "run", ["--name", "ram-only", example("c", "hello")]).code).toBe(0);
    const r = wasmcu(board, "install", ["--name", "keep", example("c", "hello")]);
    expect(r.code, r.stderr).toBe(0);
    // an ended run module still shows what was uploaded
    const bytes = readFileSync(example("c", "hello"));
    expect(entry("ram-only")).toMatchObject({ size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    await resetBoard();
    expect(entry("ram-only")).toBeUndefined();
    expect(entry("keep")).toMatchObject({ installed: true, state: "stored", autostart: false });
  });

  it("starts an installed module and shows its logs", async () => {
    const r = wasmcu(board, "start", ["keep"]);
    expect(r.code, r.stderr).toBe(0);
    await sleep(500);
    expect(logText("keep")).toContain("hello from C on wasmcu\n2 + 3 = 5\n");
    expect(entry("keep")?.state).toBe("exited");
  });

  it("skips an install whose bytes the board holds already", () => {
    const r = wasmcu(board, "install", ["--json", "--name", "keep", example("c", "hello")]);
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ upload: { skipped: boolean } }>(r.stdout).upload.skipped).toBe(true);
    const other = wasmcu(board, "install", ["--json", "--name", "keep", example("rust", "hello")]);
    expect(other.code, other.stderr).toBe(0);
    expect(json<{ upload: { skipped: boolean } }>(other.stdout).upload.skipped).toBe(false);
  });

  it("autostarts an installed module after a reset; safe stops it and clears autostart", async () => {
    const r = wasmcu(board, "install", ["--autostart", "--name", "auto", "--allow", "clock", example("c", "reactor")]);
    expect(r.code, r.stderr).toBe(0);
    await resetBoard();
    await sleep(2000);
    expect(entry("auto")).toMatchObject({ state: "running", autostart: true });
    expect(logText("auto")).toMatch(/loop \d+/);
    expect(wasmcu(board, "safe").code).toBe(0);
    expect(entry("auto")).toMatchObject({ state: "stopped", autostart: false });
    await resetBoard();
    await sleep(1500);
    expect(entry("auto")).toMatchObject({ state: "stored", autostart: false });
  });

  it("keeps a module's files in its own folder across runs and resets; rm removes the folder", async () => {
    const flashFree = () => json<{ flash: { free: number } }>(wasmcu(board, "info", ["--json"]).stdout).flash.free;
    const free = flashFree();
    const count = (lang: string, name = "counter") => {
      const r = wasmcu(board, "run", ["--name", name, "--allow", "fs", example(lang, "counter")]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    expect(count("c")).toBe("run number 1\n");
    // the folder belongs to the name: the Rust build of counter reads what the C one wrote
    expect(count("rust")).toBe("run number 2\n");
    await resetBoard();
    expect(count("c")).toBe("run number 3\n");
    expect(count("c", "other")).toBe("run number 1\n");
    expect(flashFree()).toBeLessThan(free);
    expect(wasmcu(board, "rm", ["counter"]).code).toBe(0);
    expect(count("c")).toBe("run number 1\n");
    for (const name of ["counter", "other"]) expect(wasmcu(board, "rm", [name]).code).toBe(0);
    expect(flashFree()).toBe(free);
    // without the grant, nothing is sent
    const refused = wasmcu(board, "run", ["--name", "counter", example("c", "counter")]);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain("needs capability fs (grant it with --allow fs)");
  });

  it("gives a module the WASI file functions in its folder, within its limits", () => {
    const run = () => wasmcu(board, "run", ["--name", "files", "--allow", "fs", example("c", "files")]);
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      [
        "read back: hello, folder",
        "log.txt: 4 bytes",
        "after seek and write: hello, FOLDER",
        "folder: greeting.txt log.txt",
        "greeting.txt after unlink: No such file or directory",
        "folder: log.txt",
        "writing 20480 bytes: 16384 written",
        "one more byte: File too large",
        "../escape.txt: No such file or directory",
        "",
      ].join("\n"),
    );
    // log.txt grows by one line each run
    expect(run().stdout).toContain("log.txt: 8 bytes\n");
    expect(wasmcu(board, "rm", ["files"]).code).toBe(0);
  });

  it("removes modules", () => {
    for (const name of ["keep", "auto"]) expect(wasmcu(board, "rm", [name]).code).toBe(0);
    expect(list().map((e) => e.name)).not.toContain("keep");
    const again = wasmcu(board, "rm", ["keep"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("no module named 'keep'");
  });
});
