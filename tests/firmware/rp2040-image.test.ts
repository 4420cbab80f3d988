// The RP2040 firmware image as firmware/build.mjs makes it: what the boot ROM
// and the CPU read from it (boot2 and its CRC, the vector table), where the
// flash driver lives, the UF2 copy, the size report and its budget. Running
// the image is tests/rp2040/'s job (the emulated board).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boards, boot2Crc, buildFirmware, checkRamCode, FirmwareError } from "../../firmware/build.mjs";
import { parseUf2 } from "../../tools/flash/uf2.mjs";
import { root } from "../../tools/lib/sts-run.mjs";

const build = buildFirmware({ board: "rp2040", app: "bsp-test" });
const bin = readFileSync(build.bin);
const word = (offset: number) => bin.readUInt32LE(offset);

/** CRC-32/MPEG-2 bit by bit, written apart from the builder's. */
function crcMpeg2(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const top = (crc >>> 31) ^ ((byte >> bit) & 1);
      crc = ((crc << 1) ^ (top ? 0x04c11db7 : 0)) >>> 0;
    }
  }
  return crc;
}

describe("rp2040 bsp-test image", () => {
  it("starts with a 256-byte boot2 whose CRC-32 the boot ROM accepts", () => {
    expect(boot2Crc(new TextEncoder().encode("123456789"))).toBe(0x0376e6e7); // the CRC's check value
    expect(word(252)).toBe(crcMpeg2(bin.subarray(0, 252)));
    expect(build.boot2Bytes).toBeGreaterThan(0);
    expect(build.boot2Bytes).toBeLessThanOrEqual(252);
  });

  it("has its vector table at 0x10000100: stack top, then Thumb handlers in the image", () => {
    expect(word(0x100)).toBe(0x20042000);
    const imageEnd = 0x10000000 + bin.length;
    for (let i = 1; i < 48; i++) {
      if (i >= 4 && i <= 10) continue; // reserved
      if (i === 12 || i === 13) continue;
      const handler = word(0x100 + 4 * i);
      expect(handler & 1, `vector ${i} is a Thumb address`).toBe(1);
      expect(handler).toBeGreaterThan(0x10000100);
      expect(handler).toBeLessThan(imageEnd);
    }
  });

  it("keeps the flash driver's erase and program code in RAM", () => {
    const r = spawnSync("arm-none-eabi-nm", [build.elf], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const symbols = new Map(
      r.stdout
        .split("\n")
        .map((l) => l.split(" "))
        .filter((f) => f.length === 3)
        .map(([address, , name]) => [name, parseInt(address, 16)] as [string, number]),
    );
    for (const name of ["erase_in_ram", "program_in_ram", "ssi_xip_mode", "ssi_transfer"]) {
      const address = symbols.get(name);
      expect(address, name).toBeDefined();
      expect(address! >= 0x20000000 && address! < 0x20040000, `${name} at 0x${address!.toString(16)}`).toBe(true);
    }
    expect(symbols.get("reset_handler")! >>> 28).toBe(1); // the rest runs from flash
  });

  it("has a UF2 copy: RP2040 family, 256-byte blocks from 0x10000000, same bytes", () => {
    const blocks = parseUf2(readFileSync(build.uf2));
    expect(blocks).toHaveLength(Math.ceil(bin.length / 256));
    blocks.forEach((block, i) => {
      expect(block.familyId).toBe(0xe48bff56);
      expect(block.address).toBe(0x10000000 + 256 * i);
      const expected = Buffer.alloc(256);
      bin.copy(expected, 0, 256 * i, 256 * (i + 1));
      expect(Buffer.from(block.data).equals(expected), `block ${i}`).toBe(true);
    });
  });

  it("reports text/data/bss that account for the BIN, within the budget", () => {
    const { sizes, budget } = build;
    expect(sizes.text).toBeGreaterThan(1000);
    expect(sizes.flash).toBe(sizes.text + sizes.data);
    expect(bin.length).toBe(sizes.flash);
    expect(sizes.flash).toBeLessThanOrEqual(budget.flash);
    expect(sizes.ram).toBeLessThanOrEqual(budget.ram);
    expect(budget).toEqual(boards.rp2040.apps["bsp-test"].budget);
  });

  it("is not rebuilt when nothing changed", () => {
    const again = buildFirmware({ board: "rp2040", app: "bsp-test" });
    expect(again.cached).toBe(true);
    expect(again.sizes).toEqual(build.sizes);
  });

  it("fails the build when the image outgrows its budget (and leaves the built image alone)", () => {
    const app = boards.rp2040.apps["bsp-test"];
    const saved = app.budget;
    app.budget = { flash: 1024, ram: saved.ram };
    try {
      expect(() => buildFirmware({ board: "rp2040", app: "bsp-test", force: true })).toThrow(FirmwareError);
      expect(() => buildFirmware({ board: "rp2040", app: "bsp-test", force: true })).toThrow(/over its size budget: flash \d+ > 1024/);
    } finally {
      app.budget = saved;
    }
    expect(readFileSync(build.bin).equals(bin)).toBe(true);
  });
});

describe("npm run firmware (firmware/build.mjs)", () => {
  const run = (args: string[]) => spawnSync(process.execPath, ["firmware/build.mjs", ...args], { cwd: root, encoding: "utf8" });

  it("prints the size report", () => {
    const r = run(["--board", "rp2040", "--app", "bsp-test"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/text \d+ {2}data \d+ {2}bss \d+/);
    expect(r.stdout).toContain(`of budget ${boards.rp2040.apps["bsp-test"].budget.flash} (`);
    expect(r.stdout).toContain("build/firmware/rp2040/bsp-test.uf2");
  });

  it("says what is wrong with an unknown board or app", () => {
    const board = run(["--board", "esp8266"]);
    expect(board.status).toBe(1);
    expect(board.stderr).toContain("unknown board esp8266 (known: rp2040)");
    const app = run(["--board", "rp2040", "--app", "nope"]);
    expect(app.status).toBe(1);
    expect(app.stderr).toContain("unknown app nope for rp2040 (known: bsp-test)");
  });
});

describe("the RAM-code check", () => {
  // A minimal image linked with the real linker script: one RAM function
  // that calls into flash or reads a constant there, one that does neither.
  function link(body: string): string {
    const dir = mkdtempSync(join(tmpdir(), "ramcode-"));
    const source = join(dir, "image.c");
    writeFileSync(
      source,
      `__attribute__((section(".boot2"), used)) const char boot2[256] = {1};
       __attribute__((noinline)) int in_flash(int x) { return x * 3; }
       const int table[4] = {5, 6, 7, 8};
       __attribute__((section(".time_critical"), noinline)) int in_ram(int x) { ${body} }
       void reset_handler(void) { (void)in_ram(1); for (;;) {} }`,
    );
    const elf = join(dir, "image.elf");
    const r = spawnSync("arm-none-eabi-gcc", [
      "-mcpu=cortex-m0plus", "-mthumb", "-Os", "-nostdlib", "-ffreestanding",
      "-T", join(root, "firmware/rp2040/memmap.ld"), source, "-o", elf,
    ], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return elf;
  }
  const board = boards.rp2040;

  it("accepts RAM code that stays in RAM", () => {
    expect(() => checkRamCode(board, link("return x + 1;"))).not.toThrow();
  });
  it("refuses a call into flash (a bl, or the long-branch veneer the linker puts in RAM for it)", () => {
    expect(() => checkRamCode(board, link("return in_flash(x) + 1;"))).toThrow(/(calls|uses the flash address) 0x1000[0-9a-f]+/);
  });
  it("refuses a constant read from flash", () => {
    expect(() => checkRamCode(board, link("return table[x & 3];"))).toThrow(/uses the flash address 0x1000[0-9a-f]+/);
  });
});
