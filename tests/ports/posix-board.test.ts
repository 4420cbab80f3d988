// The native posix board (ports/posix/device-hal.c) on a pseudo-terminal,
// driven through the pty test monitor (ports/posix/test-firmware.ts: it echoes
// what the host sends and answers "!" commands), as a host sees it: the path
// first on stdout, bytes echoed, the port closed and reopened, NOR flash rules
// and persistence, resets that keep the path, GPIO and reset events, the line
// rate. The last case boots the real supervisor once core/device exists.
import { closeSync, constants, existsSync, mkdtempSync, openSync, readlinkSync, readSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildNativeFirmware, startNativeBoard, type NativeBoard, type NativeBoardOptions } from "../../tools/lib/native-board.mjs";
import { root } from "../../tools/lib/sts-run.mjs";

// serialport is what tools/link uses; the fs host above works without it
const serialport = await import("serialport").catch(() => null);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A host on the pty, with node's fs (non-blocking, so reads poll). */
class Host {
  readonly fd: number;
  /** everything read so far; `seen` is where the next expectation starts looking */
  text = "";
  seen = 0;
  constructor(path: string) {
    this.fd = openPort(path);
  }
  write(s: string): void {
    const bytes = Buffer.from(s, "latin1");
    for (let off = 0; off < bytes.length; ) {
      try {
        off += writeSync(this.fd, bytes, off, bytes.length - off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      }
    }
  }
  private pump(): boolean {
    const buf = Buffer.alloc(4096);
    try {
      const n = readSync(this.fd, buf, 0, buf.length, null);
      this.text += buf.subarray(0, n).toString("latin1");
      return n > 0;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") return false;
      throw e;
    }
  }
  /** Waits until `pattern` appears after what was already matched; returns the match. */
  async expect(pattern: RegExp, timeoutMs = 5000): Promise<RegExpExecArray> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.text.slice(this.seen);
      const m = pattern.exec(rest);
      if (m) {
        this.seen += m.index + m[0].length;
        return m;
      }
      if (Date.now() > end) throw new Error(`no ${pattern} from the board within ${timeoutMs} ms; it sent ${JSON.stringify(rest)}`);
      if (!this.pump()) await sleep(5);
    }
  }
  /** Sends a command line and returns its answer (after the echo). */
  async command(line: string): Promise<string> {
    this.write(`${line}\n`);
    await this.expect(new RegExp(`${line.replace(/[!]/g, "\\$&")}\\n`));
    return (await this.expect(/= ([^\n]*)\n/))[1];
  }
  close(): void {
    closeSync(this.fd);
  }
}

function openPort(path: string): number {
  return openSync(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
}

let binary = "";
let dir = "";
const boards: NativeBoard[] = [];

async function start(options: NativeBoardOptions = {}): Promise<NativeBoard> {
  const b = await startNativeBoard({ binary, ...options });
  boards.push(b);
  return b;
}

beforeAll(() => {
  binary = buildNativeFirmware({ entry: "test" });
  dir = mkdtempSync(join(tmpdir(), "wasmcu-posix-board-"));
}, 300_000);

afterAll(async () => {
  for (const b of boards) await b.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("native posix board on a pty", () => {
  it("prints the pty path first, then power-on and ready, and echoes what the host sends", async () => {
    const b = await start();
    expect(b.path).toMatch(/^\/dev\/pts\/\d+$/);
    expect(statSync(b.path).isCharacterDevice()).toBe(true);
    await b.waitFor((e) => e.event === "ready");
    expect(b.history.slice(0, 2)).toEqual([{ event: "reset", reason: "power-on" }, { event: "ready" }]);
    const host = new Host(b.path);
    await host.expect(/monitor 0\r\n/);
    const bytes = "hello \x01\x7f\xfe board\n";
    host.write(bytes);
    await host.expect(new RegExp(bytes.replace(/[\x00-\xff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)));
    expect(await host.command("!info")).toBe("reason 0 board rp2040-native ram 262144 flash 1048576 erase 4096 page 256 gpio 30");
    host.close();
  });

  it("lets the host close and reopen the port without a hang-up", async () => {
    const b = await start();
    for (let i = 0; i < 3; i++) {
      const host = new Host(b.path);
      expect(await host.command(`!read ${i} 1`)).toBe("0 ff");
      host.close();
    }
    expect(b.child.exitCode).toBe(null);
  });

  it.skipIf(serialport === null)("talks to serialport (the host tool's transport), opened and closed twice", async () => {
    const b = await start();
    const { SerialPort } = serialport!;
    for (let i = 0; i < 2; i++) {
      const port = new SerialPort({ path: b.path, baudRate: 115200, hupcl: false, autoOpen: false });
      await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
      let got = "";
      port.on("data", (d: Buffer) => {
        got += d.toString("latin1");
      });
      port.write(`!read ${i} 2\n`);
      await vi.waitFor(() => expect(got).toMatch(new RegExp(`!read ${i} 2\n= 0 ffff\n`)), { timeout: 5000 });
      await new Promise<void>((resolve) => port.close(() => resolve()));
    }
  });

  it("is an esp32 with --board esp32", async () => {
    const b = await start({ board: "esp32" });
    const host = new Host(b.path);
    expect(await host.command("!info")).toBe("reason 0 board esp32-native ram 327680 flash 1048576 erase 4096 page 256 gpio 40");
    host.close();
  });

  it("enforces NOR rules: program clears bits within one page, erase whole aligned blocks", async () => {
    const b = await start();
    const host = new Host(b.path);
    expect(await host.command("!prog 4094 a5c3")).toBe("0");
    expect(await host.command("!read 4094 3")).toBe("0 a5c3ff");
    expect(await host.command("!prog 4094 81")).toBe("0"); // 0xa5 & 0x81: clears bits only
    expect(await host.command("!prog 4095 ff")).toBe("-1"); // would set bits of 0xc3
    expect(await host.command("!prog 255 0000")).toBe("-1"); // crosses the page at 256
    expect(await host.command("!prog 1048575 00")).toBe("0");
    expect(await host.command("!prog 1048576 00")).toBe("-1");
    expect(await host.command("!prog 4096 5a")).toBe("0");
    expect(await host.command("!erase 100")).toBe("-1");
    expect(await host.command("!erase 1048576")).toBe("-1");
    expect(await host.command("!read 4094 3")).toBe("0 81c35a");
    expect(await host.command("!erase 4096")).toBe("0"); // the block 4096..8191 only
    expect(await host.command("!read 4094 3")).toBe("0 81c3ff");
    expect(await host.command("!erase 0")).toBe("0");
    expect(await host.command("!read 4094 3")).toBe("0 ffffff");
    await vi.waitFor(() => expect(b.stderr()).toMatch(/erase at 0x64/));
    const errors = b.stderr();
    expect(errors).toMatch(/flash: program at 0xfff would set bits that are 0 \(0xff over 0xc3\)/);
    expect(errors).toMatch(/flash: program of 2 bytes at 0xff crosses a 256-byte page boundary/);
    expect(errors).toMatch(/flash: erase at 0x64 is not the start of a 4096-byte block/);
    host.close();
  });

  it("keeps the pty path and the flash across software and panic resets, and says why it reset", async () => {
    const b = await start();
    const host = new Host(b.path);
    await host.expect(/monitor 0\r\n/);
    expect(await host.command("!prog 8192 12345678")).toBe("0");
    expect(await host.command("!gpio 25 1 1")).toBe("0 1");
    host.write("!reset\n");
    // the host's handle stays open: a board reset is not a new port
    await host.expect(/monitor 1\r\n/);
    await b.waitFor((e) => e.event === "reset" && e.reason === "software");
    expect(await host.command("!info")).toMatch(/^reason 1 /);
    expect(await host.command("!read 8192 4")).toBe("0 12345678");
    expect(await host.command("!gpio 25 0 0")).toBe("0 0"); // an input again after the reset
    host.write("!panic\n");
    await host.expect(/\x00panic: [^\r]*Uncaught Error\r\n/);
    await host.expect(/monitor 3\r\n/);
    expect(await host.command("!read 8192 4")).toBe("0 12345678");
    await vi.waitFor(() => expect(b.history.filter((e) => e.event === "ready")).toHaveLength(3));
    await vi.waitFor(() =>
      expect(b.stderr()).toMatch(/wasmcu-firmware: panic: .*test-firmware\.ts:\d+:\d+: Uncaught Error\n/),
    );
    const reasons = b.history.filter((e) => e.event === "reset").map((e) => e.reason);
    expect(reasons).toEqual(["power-on", "software", "panic"]);
    host.close();
    expect(b.child.exitCode).toBe(null);
  });

  it("resets with reason watchdog when the firmware stops feeding it", async () => {
    const b = await start({ watchdogMs: 1000 });
    const host = new Host(b.path);
    await host.expect(/monitor 0\r\n/);
    await sleep(1500); // fed on every step: no reset
    expect(b.history.filter((e) => e.event === "reset")).toHaveLength(1);
    expect(await host.command("!hang")).toBe("hanging");
    await host.expect(/monitor 2\r\n/, 5000);
    await b.waitFor((e) => e.event === "reset" && e.reason === "watchdog");
    host.close();
  });

  it("prints a JSON line for every GPIO mode change and write", async () => {
    const b = await start();
    const host = new Host(b.path);
    const from = b.history.length;
    expect(await host.command("!gpio 25 1 1")).toBe("0 1");
    expect(await host.command("!gpio 2 2 0")).toBe("0 1"); // pull-up input reads 1
    expect(await host.command("!gpio 30 1 1")).toBe("-1 0"); // rp2040 has pins 0..29
    // the events come on stdout, the answers on the pty: wait for the last one
    await b.waitFor((e) => e.event === "gpio" && e.pin === 2 && e.mode === 2, 5000, from + 3);
    await vi.waitFor(() => expect(b.stderr()).toMatch(/gpio: write of pin 30/));
    const gpio = b.history.slice(from).filter((e) => e.event === "gpio");
    expect(gpio.map(({ pin, level, mode }) => ({ pin, level, mode }))).toEqual([
      { pin: 25, level: 0, mode: 1 },
      { pin: 25, level: 1, mode: 1 },
      { pin: 2, level: 1, mode: 2 },
      { pin: 2, level: 1, mode: 2 },
    ]);
    for (const e of gpio) expect(Number.isInteger(e.us) && (e.us as number) >= 0).toBe(true);
    expect(gpio[1].us as number).toBeGreaterThanOrEqual(gpio[0].us as number);
    expect(b.stderr()).toMatch(/gpio: mode of pin 30, which rp2040-native has not/);
    host.close();
  });

  it("persists the --flash file across runs and refuses one of the wrong size", async () => {
    const flash = join(dir, "store.bin");
    let b = await start({ flash });
    let host = new Host(b.path);
    expect(await host.command("!prog 65536 c0ffee")).toBe("0");
    host.close();
    await b.stop();
    expect(statSync(flash).size).toBe(1 << 20);
    b = await start({ flash });
    host = new Host(b.path);
    expect(await host.command("!read 65536 4")).toBe("0 c0ffeeff");
    host.close();
    const wrong = join(dir, "wrong.bin");
    writeFileSync(wrong, Buffer.alloc(1000));
    const r = spawnSync(binary, ["--flash", wrong], { encoding: "utf8", timeout: 10_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the flash file has 1000 bytes, not the store's 1048576/);
  });

  it("paces both directions to the --baud line rate", async () => {
    const b = await start({ baud: 9600 }); // 960 bytes a second
    const host = new Host(b.path);
    await host.expect(/monitor 0\r\n/);
    const payload = "x".repeat(479) + "\n";
    const t0 = Date.now();
    host.write(payload);
    await host.expect(/x{479}\n/, 10_000);
    const ms = Date.now() - t0;
    // 480 bytes in and the same out, overlapped: half a second at this rate
    expect(ms).toBeGreaterThan(400);
    expect(ms).toBeLessThan(5000);
    host.close();
  });

  it("removes its --link symlink when stopped", async () => {
    const link = join(dir, "board-link");
    const b = await start({ link });
    expect(readlinkSync(link)).toBe(b.path);
    const host = new Host(link);
    expect(await host.command("!read 0 1")).toBe("0 ff");
    host.close();
    expect(await b.stop()).toEqual({ code: 0, signal: null });
    expect(existsSync(link)).toBe(false);
  });

  it.skipIf(!existsSync(join(root, "core/device/device.ts")))(
    "boots the supervisor (core/device): banner on the link, then ready",
    async () => {
      const firmware = buildNativeFirmware({ entry: "firmware" });
      const b = await start({ binary: firmware });
      await b.waitFor((e) => e.event === "ready", 20_000);
      const host = new Host(b.path);
      await host.expect(/wasmcu \S+ on rp2040-native\b[^\r]*\r\n/);
      host.close();
    },
    300_000,
  );
});
