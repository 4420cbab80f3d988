// The board-support firmware (ports/rp2040/bsp-test, built by
// firmware/build.mjs) on the emulated Pico, over UART0: the boot line, the
// line protocol, flash erase/program/read through the W25Q16JV model across
// power cycles (the flash file persists), a page program cut by a power loss,
// GPIO toggles seen on the emulated pins, the watchdog resetting a stuck loop
// and the BOOTSEL request. No test may leave a reported problem: each is
// something a real board would do differently.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bspTest, Session, until } from "./emulated-board";

const temp = mkdtempSync(join(tmpdir(), "wasmcu-bsp-"));
let image = "";
let uf2 = "";
beforeAll(async () => {
  const built = bspTest();
  image = built.elf;
  uf2 = built.uf2;
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const BOOT_LINE = /^bsp-test: boot reset=(\w+) clk_sys=(\d+)$/;
const hexBytes = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
const pattern = (length: number, seed: number) => Array.from({ length }, (_, i) => (seed + i) & 0xff);

describe("bsp-test on the emulated Pico", () => {
  it("boots from flash through boot2, prints its boot line and answers the line protocol", async () => {
    const s = new Session({ image });
    try {
      const boot = await s.line(BOOT_LINE);
      expect(boot).toBe("bsp-test: boot reset=power clk_sys=125000000");
      expect(await s.command("info")).toBe("ok rp2040 bsp-test clk_sys=125000000 flash_id=ef4015");
      expect(await s.command("echo hello, pico")).toBe("hello, pico");
      expect(await s.command("frobnicate")).toBe("err unknown command: frobnicate");
      expect(await s.command("erase 0x1000")).toMatch(/^err outside the test area/);
      const [, first] = /^ok (\d+)$/.exec(await s.command("time")) ?? [];
      const [, second] = /^ok (\d+)$/.exec(await s.command("time")) ?? [];
      expect(Number(second)).toBeGreaterThan(Number(first));
      // the timer counts emulated microseconds since the boot
      expect(Number(second)).toBeLessThanOrEqual(s.board.now() / 1000);
      expect(s.problems()).toEqual([]);
    } finally {
      s.close();
    }
  });

  it("erases, programs and reads flash back, also after a power cycle from the flash file", async () => {
    const flashFile = join(temp, "power-cycle.bin");
    const s = new Session({ image, flashFile });
    try {
      await s.line(BOOT_LINE);
      expect(await s.command("erase 0x100000")).toBe("ok");
      expect(await s.command("program 0x100010 0102030405")).toBe("ok");
      expect(await s.command("read 0x100010 8")).toBe("ok 0102030405ffffff");
      // a program only clears bits: ff over 01 leaves 01, f0 over 0f gives 00
      expect(await s.command("program 0x100010 ff")).toBe("ok");
      expect(await s.command("program 0x100014 f0")).toBe("ok");
      expect(await s.command("read 0x100010 5")).toBe("ok 0102030400");
      expect(await s.command("erase 0x101000")).toBe("ok");
      expect(await s.command("fill 0x101000 3000 7")).toBe("ok");
      const crc = crc32(Uint8Array.from(pattern(3000, 7))).toString(16).padStart(8, "0");
      expect(await s.command("crc 0x101000 3000")).toBe(`ok ${crc}`);
      expect(s.board.chip.counts.erases).toBe(2);
      expect(s.problems()).toEqual([]);
    } finally {
      s.close();
    }
    // power off; the next run starts from the file alone (no image written)
    const again = new Session({ flashFile });
    try {
      expect(await again.line(BOOT_LINE)).toMatch(/reset=power/);
      expect(await again.command("read 0x100010 5")).toBe("ok 0102030400");
      const crc = crc32(Uint8Array.from(pattern(3000, 7))).toString(16).padStart(8, "0");
      expect(await again.command("crc 0x101000 3000")).toBe(`ok ${crc}`);
      expect(await again.command("read 0x101bb8 2")).toBe("ok ffff");
      expect(again.problems()).toEqual([]);
    } finally {
      again.close();
    }
  });

  it("leaves the other pages intact when the power fails in the middle of a page program", async () => {
    const flashFile = join(temp, "power-cut.bin");
    const s = new Session({ image, flashFile });
    let cut = false;
    s.board.on("power-cut", () => (cut = true));
    try {
      await s.line(BOOT_LINE);
      expect(await s.command("erase 0x102000")).toBe("ok");
      expect(await s.command("fill 0x102000 256 5")).toBe("ok");
      s.board.chip.cutPowerDuringNextProgram(100);
      s.board.uartWrite(Buffer.from("fill 0x102100 512 9\r\n"));
      await until(() => cut, "the power cut");
      expect(s.board.state).toBe("off");
    } finally {
      s.close();
    }
    const again = new Session({ flashFile });
    try {
      await again.line(BOOT_LINE);
      // the page before is intact, the cut page holds its first 100 bytes, the page after was never written
      expect(await again.command("crc 0x102000 256")).toBe(`ok ${crc32(Uint8Array.from(pattern(256, 5))).toString(16).padStart(8, "0")}`);
      expect(await again.command("read 0x102100 4")).toBe(`ok ${hexBytes(pattern(4, 9))}`);
      expect(await again.command("read 0x102162 4")).toBe(`ok ${hexBytes(pattern(2, 9 + 98))}ffff`);
      const erased = crc32(new Uint8Array(256).fill(0xff)).toString(16).padStart(8, "0");
      expect(await again.command("crc 0x102200 256")).toBe(`ok ${erased}`);
      // the firmware itself (below 0x100000) is untouched: it booted; and the data area can be rewritten
      expect(await again.command("erase 0x102000")).toBe("ok");
      expect(await again.command("crc 0x102100 256")).toBe(`ok ${erased}`);
      expect(again.problems()).toEqual([]);
    } finally {
      again.close();
    }
  });

  it("toggles a GPIO pin at the requested period, as the emulated pin shows", async () => {
    const s = new Session({ image });
    try {
      await s.line(BOOT_LINE);
      const from = s.board.gpioLog.length;
      expect(await s.command("gpio 25 6 1000")).toBe("ok");
      const changes = s.board.gpioLog.slice(from).filter((e) => e.pin === 25);
      const toggles = changes.slice(-6);
      expect(toggles.map((e) => e.level)).toEqual([1, 0, 1, 0, 1, 0]);
      for (let i = 1; i < toggles.length; i++) {
        const us = (toggles[i].ns - toggles[i - 1].ns) / 1000;
        expect(us).toBeGreaterThan(995);
        expect(us).toBeLessThan(1010);
      }
      expect(await s.command("gpio 0 2 10")).toBe("err pin 0 is used by UART0");
      expect(s.problems()).toEqual([]);
    } finally {
      s.close();
    }
  });

  it("is reset by the watchdog when it hangs, and says so at the next boot", async () => {
    const s = new Session({ image });
    const resets: { reason: string; ns: number }[] = [];
    s.board.on("reset", (e: { reason: string }) => resets.push({ reason: e.reason, ns: s.board.now() }));
    try {
      await s.line(BOOT_LINE);
      const before = s.board.now();
      expect(await s.command("hang 40")).toBe("ok");
      expect(await s.line(BOOT_LINE)).toMatch(/^bsp-test: boot reset=watchdog /);
      expect(resets.map((r) => r.reason)).toEqual(["watchdog"]);
      // the reset came 40 ms after the watchdog was armed: the command line's own time (at 115200 baud) plus the timeout
      const elapsedMs = (resets[0].ns - before) / 1e6;
      expect(elapsedMs).toBeGreaterThan(40);
      expect(elapsedMs).toBeLessThan(45);
      expect(await s.command("echo alive")).toBe("alive");
      expect(s.problems()).toEqual([]);
    } finally {
      s.close();
    }
  });

  it("asks for BOOTSEL on `bootsel`, and boots the UF2 the drive is given", async () => {
    const s = new Session({ image });
    const bootsel: { requested?: boolean }[] = [];
    s.board.on("bootsel", (e: { requested?: boolean }) => bootsel.push(e));
    try {
      await s.line(BOOT_LINE);
      expect(await s.command("bootsel")).toBe("ok");
      await until(() => s.board.state === "bootsel", "the BOOTSEL request");
      expect(bootsel).toEqual([expect.objectContaining({ requested: true })]);
      s.board.flashImage(uf2);
      expect(await s.line(BOOT_LINE)).toMatch(/^bsp-test: boot reset=watchdog /);
      expect(await s.command("info")).toMatch(/^ok rp2040 bsp-test/);
      expect(s.problems()).toEqual([]);
    } finally {
      s.close();
    }
  });

  it("stays in BOOTSEL with a blank flash, as a new Pico does, and with a boot2 whose CRC is wrong", () => {
    const blank = new Session({});
    try {
      expect(blank.board.state).toBe("bootsel");
    } finally {
      blank.close();
    }
    const bin = new Uint8Array(readFileSync(image.replace(/\.elf$/, ".bin")));
    const good = new Session({ image: bin });
    const state = good.board.state;
    good.close();
    expect(state).toBe("running");
    bin[17] ^= 0x01;
    const corrupt = new Session({ image: bin });
    try {
      expect(corrupt.board.state).toBe("bootsel");
    } finally {
      corrupt.close();
    }
  });
});
