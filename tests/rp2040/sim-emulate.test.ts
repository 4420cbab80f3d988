// `wasmcu sim --board rp2040 --emulate` as a user runs it: the USB CDC pty
// path first, UART0's on a JSON line, both usable by a serial terminal
// (serialport here); then `bootsel` over UART0 and `wasmcu flash` finding the
// emulated board's stand-in BOOTSEL drive by itself, and the board booting
// the flashed image. TMPDIR is private, so the port and drive files this
// leaves for other wasmcu commands do not meet other tests'.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { SerialPort } from "serialport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bspTest, until } from "./emulated-board";

const root = join(__dirname, "../..");
const temp = mkdtempSync(join(tmpdir(), "wasmcu-emulate-"));
const env = { ...process.env, TMPDIR: temp };
let sim: ChildProcess;
const lines: string[] = [];
let uart: SerialPort;
let usb: SerialPort;
let uartText = "";
let usbBytes = Buffer.alloc(0);

function open(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    port.open((e) => (e ? reject(e) : resolve(port)));
  });
}

const close = (port: SerialPort | undefined) => new Promise<void>((resolve) => (port?.isOpen ? port.close(() => resolve()) : resolve()));
const events = () => lines.slice(1).map((l) => JSON.parse(l) as { event: string; [key: string]: unknown });

beforeAll(async () => {
  bspTest();
  sim = spawn(process.execPath, ["tools/cli/bin.mjs", "sim", "--board", "rp2040", "--emulate", "--flash", join(temp, "flash.bin")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  sim.stderr?.resume();
  createInterface({ input: sim.stdout! }).on("line", (line) => lines.push(line));
  await until(() => lines.length >= 2, "the two pty paths", 60_000);
});

afterAll(async () => {
  await close(uart);
  await close(usb);
  if (sim && sim.exitCode === null) {
    const exited = new Promise((r) => sim.once("exit", r));
    sim.kill("SIGTERM");
    await exited;
  }
  rmSync(temp, { recursive: true, force: true });
});

describe("wasmcu sim --board rp2040 --emulate", () => {
  it("prints the USB CDC pty first and UART0's on a JSON line; both talk to bsp-test", async () => {
    expect(lines[0]).toMatch(/^\/dev\/pts\/\d+$/);
    const uartLine = JSON.parse(lines[1]);
    expect(uartLine).toEqual({ event: "uart", path: expect.stringMatching(/^\/dev\/pts\/\d+$/) });

    uart = await open(uartLine.path);
    uart.on("data", (d: Buffer) => (uartText += d.toString("latin1")));
    await until(() => events().some((e) => e.event === "usb" && e.connected === true), "USB enumeration");
    uart.write("info\r\n");
    await until(() => /ok rp2040 bsp-test clk_sys=125000000 flash_id=ef4015\r\n/.test(uartText), "the answer to info");

    usb = await open(lines[0]);
    usb.on("data", (d: Buffer) => (usbBytes = Buffer.concat([usbBytes, d])));
    const data = Buffer.alloc(32 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 11 + 3) & 0xff;
    usb.write(data);
    await until(() => usbBytes.length >= data.length, "the USB echo");
    expect(usbBytes.equals(data)).toBe(true);
  });

  it("reports the BOOTSEL request, and `wasmcu flash` finds its stand-in drive and reboots the board", async () => {
    uartText = "";
    uart.write("bootsel\r\n");
    await until(() => events().some((e) => e.event === "bootsel"), "the bootsel event");
    const bootsel = events().find((e) => e.event === "bootsel");
    expect(bootsel).toMatchObject({ requested: true, drive: expect.stringContaining("RPI-RP2") });

    const { uf2 } = bspTest();
    const { stderr } = await promisify(execFile)(process.execPath, ["tools/cli/bin.mjs", "flash", uf2], { cwd: root, env });
    expect(stderr).toMatch(/flashed .* to .*RPI-RP2\/bsp-test\.uf2/);
    await until(() => /bsp-test: boot reset=watchdog clk_sys=125000000\r\n/.test(uartText), "the boot line of the flashed image");
    expect(events().filter((e) => e.event === "reset").map((e) => e.reason)).toEqual(["power", "bootsel", "watchdog"]);
    expect(events().filter((e) => e.event === "problem" || e.event === "fault")).toEqual([]);
  });
});
