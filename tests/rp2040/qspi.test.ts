// The SSI, IO_QSPI and XIP models on an rp2040js RP2040, driven register by
// register from here (no firmware): direct-mode commands framed by the CS
// override, frame timing, SSI-driven CS, and when an XIP access works, faults
// or reads a stale cache line.
import { RP2040 } from "rp2040js";
import { beforeEach, describe, expect, it } from "vitest";
import { FLASH_SIZE, W25Q16JV } from "../../tools/rp2040-emu/flash-chip.mjs";
import { FlashStore } from "../../tools/rp2040-emu/flash-store.mjs";
import { installQspi, type Ssi, type Xip } from "../../tools/rp2040-emu/qspi.mjs";

const SSI = 0x18000000;
const CTRLR0 = SSI + 0x00;
const SSIENR = SSI + 0x08;
const SER = SSI + 0x10;
const BAUDR = SSI + 0x14;
const SR = SSI + 0x28;
const DR0 = SSI + 0x60;
const SPI_CTRLR0 = SSI + 0xf4;
const SS_CTRL = 0x4001800c;
const XIP_FLUSH = 0x14000004;

let mcu: RP2040;
let chip: W25Q16JV;
let ssi: Ssi;
let xip: Xip;
let problems: string[];
let faults: string[];

beforeEach(() => {
  mcu = new RP2040();
  const store = new FlashStore(FLASH_SIZE);
  for (let i = 0; i < 4096; i++) store.bytes[i] = (i * 13 + 7) & 0xff;
  problems = [];
  faults = [];
  chip = new W25Q16JV(store, { now: () => mcu.clock.nanos, problem: (m) => problems.push(m), beforeChange: (o, l) => xipHook(o, l) });
  ({ ssi, xip } = installQspi(mcu, chip, { problem: (m) => problems.push(m), fault: (m) => faults.push(m) }));
});
let xipHook = (_o: number, _l: number) => {};

const write = (address: number, value: number) => mcu.writeUint32(address, value);
/** Lets `ns` of emulated time pass (rp2040js's default clock is a SimulationClock). */
const tick = (ns: number) => (mcu.clock as unknown as { tick(ns: number): void }).tick(ns);
const read = (address: number) => mcu.readUint32(address) >>> 0;

/** What flash.c does to leave XIP: 8-bit frames, TX and RX, standard SPI. */
function directMode() {
  write(SSIENR, 0);
  write(CTRLR0, 0x00070000);
  write(BAUDR, 4);
  write(SER, 1);
  write(SSIENR, 1);
}

function restoreXip() {
  write(SSIENR, 0);
  write(CTRLR0, 0x001f0300);
  write(SPI_CTRLR0, 0x03000218);
  write(SSIENR, 1);
  write(SS_CTRL, 0);
}

/** One byte through the SSI the way flash.c moves it, letting emulated time pass until RX has it. */
function transfer(byte: number): number {
  expect(read(SR) & 2).toBe(2);
  write(DR0, byte);
  let waited = 0;
  while (!(read(SR) & 8)) {
    tick(8);
    waited += 8;
    expect(waited).toBeLessThan(10_000);
  }
  return read(DR0);
}

function command(...bytes: number[]): number[] {
  write(SS_CTRL, 0x200);
  const back = bytes.map(transfer);
  write(SS_CTRL, 0x300);
  return back;
}

describe("SSI and XIP models", () => {
  it("reads flash through XIP in the state the boot ROM leaves the SSI", () => {
    expect(read(0x10000000)).toBe(new DataView(chip.bytes.buffer).getUint32(0, true));
    expect(mcu.readUint16(0x13000002)).toBe(new DataView(chip.bytes.buffer).getUint16(2, true));
    expect(faults).toEqual([]);
  });

  it("runs a command framed by the IO_QSPI CS override, one byte per frame time", () => {
    directMode();
    write(SS_CTRL, 0x200);
    write(DR0, 0x9f);
    // 8 bits at clk_sys / 4 (125 MHz: 32 ns a bit) have not gone yet
    expect(read(SR) & 8).toBe(0);
    tick(300);
    expect(read(SR) & 8).toBe(8);
    read(DR0);
    const id = [transfer(0), transfer(0), transfer(0)];
    write(SS_CTRL, 0x300);
    expect(id).toEqual([0xef, 0x40, 0x15]);
    expect(problems).toEqual([]);
  });

  it("keeps CS low while the TX FIFO has data when nothing overrides it", () => {
    directMode();
    write(SS_CTRL, 0);
    for (const b of [0x9f, 0, 0, 0]) write(DR0, b);
    expect(ssi.csAsserted).toBe(true);
    tick(4 * 300);
    expect(ssi.csAsserted).toBe(false);
    expect([read(DR0), read(DR0), read(DR0), read(DR0)]).toEqual([0xff, 0xef, 0x40, 0x15]);
    // a byte per FIFO drain: CS rises between them and 9F starts over each time
    write(DR0, 0x9f);
    tick(300);
    write(DR0, 0);
    tick(300);
    expect([read(DR0), read(DR0)]).toEqual([0xff, 0xff]);
  });

  it("faults an XIP access while CS is forced, while the flash is busy, and after a bad restore", () => {
    directMode();
    write(SS_CTRL, 0x200);
    read(0x10000100);
    expect(faults.join("\n")).toMatch(/CS is overridden|SSIENR|direct-mode/);
    faults = [];
    write(SS_CTRL, 0x300);
    command(0x06);
    command(0x20, 0x10, 0x00, 0x00);
    restoreXip();
    read(0x10000100);
    expect(faults.join("\n")).toMatch(/busy/);
    faults = [];
    tick(50e6);
    read(0x10000100);
    expect(faults).toEqual([]);
    // 16-bit frames cannot be XIP reads
    write(SSIENR, 0);
    write(CTRLR0, 0x000f0300);
    write(SSIENR, 1);
    read(0x10000100);
    expect(faults.join("\n")).toMatch(/32-bit frames/);
  });

  it("refuses 03h XIP at an SCK above the chip's 50 MHz", () => {
    write(SSIENR, 0);
    write(BAUDR, 2);
    write(SSIENR, 1);
    expect(xip.check()).toMatch(/62\.5 MHz, above the W25Q16JV's 50 MHz/);
  });

  it("reports a read of changed flash through the XIP cache before a flush, and none after", () => {
    xipHook = (o, l) => (xip as unknown as { beforeChange(o: number, l: number): void }).beforeChange(o, l);
    const before = read(0x10000010);
    directMode();
    command(0x06);
    command(0x20, 0, 0, 0);
    tick(50e6);
    restoreXip();
    expect(read(0x10000010)).toBe(before); // what the cache still holds
    expect(read(0x13000010)).toBe(0xffffffff); // the uncached alias sees the flash
    expect(problems.join("\n")).toMatch(/without an XIP_CTRL FLUSH/);
    problems = [];
    write(XIP_FLUSH, 1);
    read(XIP_FLUSH);
    expect(read(0x10000010)).toBe(0xffffffff);
    expect(problems).toEqual([]);
  });

  it("reports configuration writes while the SSI is enabled and a TX FIFO overflow", () => {
    write(CTRLR0, 0x00070000);
    expect(problems.join("\n")).toMatch(/written while SSIENR=1/);
    directMode();
    problems = [];
    write(SS_CTRL, 0x200);
    for (let i = 0; i < 17; i++) write(DR0, 0);
    expect(problems.join("\n")).toMatch(/TX FIFO full/);
  });
});
