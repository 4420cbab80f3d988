// The W25Q16JV model driven directly on its bus (select, bytes, deselect),
// as the SSI model drives it: command semantics, erase-before-write, page
// wrap, busy time, power-cut injection and persistence to a file.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { FLASH_SIZE, TYPICAL_TIMES, W25Q16JV } from "../../tools/rp2040-emu/flash-chip.mjs";
import { FlashStore } from "../../tools/rp2040-emu/flash-store.mjs";

const temp = mkdtempSync(join(tmpdir(), "wasmcu-w25q-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let now = 0;
let problems: string[] = [];

function makeChip(store = new FlashStore(FLASH_SIZE)): W25Q16JV {
  return new W25Q16JV(store, { now: () => now, problem: (m) => problems.push(m) });
}

/** One command: CS low, the bytes out (1 line), CS high; returns the bytes that came back. */
function command(chip: W25Q16JV, ...bytes: number[]): number[] {
  chip.select();
  const back = bytes.map((b) => chip.exchange(b));
  chip.deselect();
  return back;
}

const address = (a: number) => [(a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff];

function read(chip: W25Q16JV, at: number, length: number): number[] {
  return command(chip, 0x03, ...address(at), ...new Array(length).fill(0)).slice(4);
}

function program(chip: W25Q16JV, at: number, data: number[]): void {
  command(chip, 0x06);
  command(chip, 0x02, ...address(at), ...data);
}

/** Waits (in emulated time) until WIP clears, polling status-1 like a driver. */
function waitIdle(chip: W25Q16JV): number {
  const began = now;
  while (command(chip, 0x05, 0)[1] & 1) now += 10_000;
  return now - began;
}

beforeEach(() => {
  now = 0;
  problems = [];
});

describe("W25Q16JV model", () => {
  it("answers 9F with the JEDEC id EF 40 15 and 90 with EF 14", () => {
    const chip = makeChip();
    expect(command(chip, 0x9f, 0, 0, 0).slice(1)).toEqual([0xef, 0x40, 0x15]);
    expect(command(chip, 0x90, 0, 0, 0, 0, 0).slice(4)).toEqual([0xef, 0x14]);
    expect(problems).toEqual([]);
  });

  it("erases and programs only after write enable, which the operation clears", () => {
    const chip = makeChip();
    command(chip, 0x02, ...address(0x1000), 0x12);
    expect(read(chip, 0x1000, 1)).toEqual([0xff]);
    expect(problems.join("\n")).toMatch(/without write enable/);
    command(chip, 0x06);
    expect(command(chip, 0x05, 0)[1] & 2).toBe(2);
    command(chip, 0x02, ...address(0x1000), 0x12);
    expect(command(chip, 0x05, 0)[1] & 3).toBe(1); // busy, WEL gone
    waitIdle(chip);
    expect(read(chip, 0x1000, 1)).toEqual([0x12]);
  });

  it("programs only clear bits; an erase sets the 4 KB sector back to FF", () => {
    const chip = makeChip();
    program(chip, 0x2000, [0xf0, 0xff]);
    waitIdle(chip);
    program(chip, 0x2000, [0x3f, 0x0f]);
    waitIdle(chip);
    expect(read(chip, 0x2000, 2)).toEqual([0x30, 0x0f]);
    program(chip, 0x2ff0, [0]);
    waitIdle(chip);
    command(chip, 0x06);
    command(chip, 0x20, ...address(0x2345));
    const took = waitIdle(chip);
    expect(took).toBeGreaterThanOrEqual(TYPICAL_TIMES.sectorErase);
    expect(read(chip, 0x2000, 2)).toEqual([0xff, 0xff]);
    expect(read(chip, 0x2ff0, 1)).toEqual([0xff]);
    expect(problems).toEqual([]);
  });

  it("wraps a page program inside its 256-byte page and keeps the last 256 of a longer one", () => {
    const chip = makeChip();
    program(chip, 0x30fa, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    waitIdle(chip);
    expect(read(chip, 0x30fa, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(read(chip, 0x3000, 4)).toEqual([7, 8, 9, 10]);
    expect(read(chip, 0x3100, 1)).toEqual([0xff]);
    // 260 bytes from column 0: the last 4 wrap over columns 0..3
    const long = Array.from({ length: 260 }, (_, i) => (i < 256 ? 0x22 : 0x11));
    program(chip, 0x4000, long);
    waitIdle(chip);
    expect(read(chip, 0x4000, 6)).toEqual([0x11, 0x11, 0x11, 0x11, 0x22, 0x22]);
    expect(read(chip, 0x40ff, 2)).toEqual([0x22, 0xff]);
  });

  it("stays busy for the page-program time and ignores other commands meanwhile", () => {
    const chip = makeChip();
    program(chip, 0x5000, [0x55]);
    expect(command(chip, 0x05, 0)[1] & 1).toBe(1);
    command(chip, 0x06);
    command(chip, 0x20, ...address(0x5000));
    expect(problems.join("\n")).toMatch(/while busy/);
    const took = waitIdle(chip);
    expect(took).toBeGreaterThanOrEqual(TYPICAL_TIMES.pageProgram - 10_000);
    expect(took).toBeLessThanOrEqual(TYPICAL_TIMES.pageProgram + 10_000);
    expect(read(chip, 0x5000, 1)).toEqual([0x55]);
  });

  it("does not run an erase whose CS rises after extra bytes", () => {
    const chip = makeChip();
    program(chip, 0x6000, [0]);
    waitIdle(chip);
    command(chip, 0x06);
    command(chip, 0x20, ...address(0x6000), 0);
    expect(chip.busy).toBe(false);
    expect(read(chip, 0x6000, 1)).toEqual([0]);
    expect(problems.join("\n")).toMatch(/ended after 5 bytes, not 4/);
  });

  it("reads with 0B after one dummy byte, and quad EB only once QE is set", () => {
    const chip = makeChip();
    program(chip, 0x7000, [0xa1, 0xb2]);
    waitIdle(chip);
    expect(command(chip, 0x0b, ...address(0x7000), 0, 0, 0).slice(5)).toEqual([0xa1, 0xb2]);

    chip.select();
    chip.exchange(0xeb);
    chip.deselect();
    expect(problems.join("\n")).toMatch(/QE/);
    problems = [];
    command(chip, 0x06);
    command(chip, 0x31, 0x02);
    waitIdle(chip);
    expect(chip.quadEnabled).toBe(true);
    // EB: address + mode on 4 lines, 4 dummy cycles, data on 4 lines; mode 0xa0 keeps continuous read
    chip.select();
    chip.exchange(0xeb, 1);
    for (const b of [...address(0x7000), 0xa0]) chip.exchange(b, 4);
    chip.idle(4);
    expect([chip.exchange(0, 4), chip.exchange(0, 4)]).toEqual([0xa1, 0xb2]);
    chip.deselect();
    expect(chip.continuousRead).toBe(true);
    chip.select();
    for (const b of [...address(0x7001), 0xa0]) chip.exchange(b, 4);
    chip.idle(4);
    expect(chip.exchange(0, 4)).toBe(0xb2);
    chip.deselect();
    expect(problems).toEqual([]);
  });

  it("garbles a read whose address comes on the wrong number of lines", () => {
    const chip = makeChip();
    command(chip, 0x06);
    command(chip, 0x31, 0x02);
    waitIdle(chip);
    chip.select();
    chip.exchange(0xeb, 1);
    for (const b of [...address(0), 0]) chip.exchange(b, 1);
    chip.idle(4);
    expect(chip.exchange(0, 4)).not.toBe(0xff);
    chip.deselect();
    expect(problems.join("\n")).toMatch(/sent on 1 lines, the chip reads it on 4/);
  });

  it("writes only the first n bytes of a page program when the power is cut", () => {
    const chip = makeChip();
    let cut = 0;
    chip.onPowerCut = () => cut++;
    chip.cutPowerDuringNextProgram(100);
    program(chip, 0x8000, new Array(256).fill(0x00));
    expect(cut).toBe(1);
    expect(chip.bytes[0x8000 + 99]).toBe(0);
    expect(chip.bytes[0x8000 + 100]).toBe(0xff);
    expect(command(chip, 0x9f, 0, 0, 0).slice(1)).toEqual([0xff, 0xff, 0xff]);
  });

  it("keeps its contents and QE in a file between runs", () => {
    const file = join(temp, "flash.bin");
    const first = FlashStore.open(file, FLASH_SIZE);
    const chip = makeChip(first);
    program(chip, 0x100000, [1, 2, 3]);
    waitIdle(chip);
    command(chip, 0x06);
    command(chip, 0x31, 0x02);
    waitIdle(chip);
    first.close();
    expect(existsSync(`${file}.status`)).toBe(true);

    const again = makeChip(FlashStore.open(file, FLASH_SIZE));
    expect(read(again, 0x100000, 4)).toEqual([1, 2, 3, 0xff]);
    expect(again.quadEnabled).toBe(true);
    expect(command(again, 0x05, 0)[1]).toBe(0);
  });

  it("sleeps on B9 and wakes on AB, which also answers the device id 14", () => {
    const chip = makeChip();
    command(chip, 0xb9);
    expect(command(chip, 0x9f, 0, 0, 0).slice(1)).toEqual([0xff, 0xff, 0xff]);
    expect(command(chip, 0xab, 0, 0, 0, 0)[4]).toBe(0x14);
    expect(command(chip, 0x9f, 0, 0, 0).slice(1)).toEqual([0xef, 0x40, 0x15]);
  });
});
