// `wasmcu flash`: finding the BOOTSEL drive (label, mounts, stand-in
// directories), checking the UF2, copying it; against directories that stand
// in for the RPI-RP2 drive.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyToDrive, findBootselDrives, readUf2, waitForDrive } from "../../tools/cli/commands/flash.mjs";
import { BoardClient } from "../../tools/link/client.mjs";
import { bspTest, until } from "./emulated-board";

const run = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), "wasmcu-flash-"));
const INFO = "UF2 Bootloader v3.0\r\nModel: Raspberry Pi RP2\r\nBoard-ID: RPI-RP2\r\n";
let uf2 = "";

beforeAll(async () => {
  uf2 = bspTest().uf2;
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A directory that looks like a BOOTSEL drive (or another UF2 drive, with `info`). */
function drive(name: string, info = INFO): string {
  const dir = join(temp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "INFO_UF2.TXT"), info);
  return dir;
}

async function wasmcu(...args: string[]): Promise<{ code: number; stderr: string }> {
  return wasmcuIn(process.env, ...args);
}

async function wasmcuIn(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, ["tools/cli/bin.mjs", ...args], { cwd: join(__dirname, "../.."), env });
    return { code: 0, stderr };
  } catch (e) {
    const failed = e as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("wasmcu flash", () => {
  it("copies the UF2 byte for byte to the drive given with --drive", async () => {
    const dir = drive("given");
    const r = await wasmcu("flash", uf2, "--drive", dir);
    expect(r.stderr).toMatch(/flashed .*bsp-test\.uf2 \(\d+ blocks/);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "bsp-test.uf2")).equals(readFileSync(uf2))).toBe(true);
  });

  it("refuses what is not an RP2040 UF2, and a directory that is not a BOOTSEL drive", async () => {
    const dir = drive("refusing");
    const elf = uf2.replace(/\.uf2$/, ".elf");
    let r = await wasmcu("flash", elf, "--drive", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a UF2 image for the RP2040: a UF2 file is whole 512-byte blocks/);
    // the same blocks, another family (an RP2350's ARM image, 0xe48bff59)
    const other = Buffer.from(readFileSync(uf2));
    for (let at = 0; at < other.length; at += 512) other.writeUInt32LE(0xe48bff59, at + 28);
    writeFileSync(join(temp, "other.uf2"), other);
    r = await wasmcu("flash", join(temp, "other.uf2"), "--drive", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/family 0xe48bff59, not the RP2040's 0xe48bff56/);
    r = await wasmcu("flash", uf2, "--drive", temp);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not a BOOTSEL drive/);
    expect(readUf2(uf2).length % 512).toBe(0);
  });

  it("finds the drive by its label and /proc/mounts, or by a mount point named RPI-RP2", () => {
    const byLabel = join(temp, "by-label");
    mkdirSync(byLabel, { recursive: true });
    writeFileSync(join(temp, "sdz1"), "");
    symlinkSync(join(temp, "sdz1"), join(byLabel, "RPI-RP2"));
    const mounted = drive("media/pi user/RPI-RP2x");
    const mounts = join(temp, "mounts");
    const escaped = mounted.replace(/ /g, "\\040");
    writeFileSync(mounts, `proc /proc proc rw 0 0\n${join(temp, "sdz1")} ${escaped} vfat rw 0 0\n`);
    expect(findBootselDrives({ byLabel, mounts, emulated: null })).toEqual({ drives: [mounted], unmounted: [] });

    writeFileSync(mounts, "proc /proc proc rw 0 0\n");
    expect(findBootselDrives({ byLabel, mounts, emulated: null })).toEqual({ drives: [], unmounted: [join(temp, "sdz1")] });

    const named = drive("media/RPI-RP2");
    const rp2350 = drive("media2/RPI-RP2", "UF2 Bootloader v1.0\r\nModel: Raspberry Pi RP2350\r\nBoard-ID: RP2350\r\n");
    writeFileSync(mounts, `/dev/sdq1 ${named} vfat rw 0 0\n/dev/sdr1 ${rp2350} vfat rw 0 0\n`);
    expect(findBootselDrives({ byLabel: join(temp, "nothing"), mounts, emulated: null }).drives).toEqual([named]);
    const emulated = drive("emulated");
    expect(findBootselDrives({ byLabel: join(temp, "nothing"), mounts: join(temp, "none"), emulated }).drives).toEqual([emulated]);
  });

  it("waits for a drive that appears after the board was asked to reboot", async () => {
    const later = join(temp, "later");
    setTimeout(() => drive("later"), 300);
    const found = await waitForDrive(() => findBootselDrives({ byLabel: join(temp, "nothing"), mounts: join(temp, "none"), emulated: later }), 5000);
    expect(found).toBe(later);
    expect(await waitForDrive(() => ({ drives: [] }), 200)).toBe(null);
    const { target } = copyToDrive(readUf2(uf2), later, "x.uf2", { progress: false });
    expect(readFileSync(target).length).toBe(readFileSync(uf2).length);
  });

  it("with no drive, asks a board that answers wasmcu's protocol to reboot into BOOTSEL (when this wasmcu can)", async () => {
    // the JS simulator answers the protocol; a private TMPDIR keeps its port file to this test
    const own = mkdtempSync(join(temp, "tmp-"));
    const env = { ...process.env, TMPDIR: own };
    const sim = spawn(process.execPath, ["tools/cli/bin.mjs", "sim"], { cwd: join(__dirname, "../.."), env, stdio: ["ignore", "pipe", "ignore"] });
    try {
      let out = "";
      sim.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      await until(() => out.includes("\n"), "the simulator's pty");
      const r = await wasmcuIn(env, "flash", uf2, "--wait", "500");
      expect(r.code).toBe(3);
      if (typeof (BoardClient.prototype as unknown as Record<string, unknown>).rebootToBootloader === "function") {
        expect(r.stderr).toMatch(/asked the board on \S+ to reboot into BOOTSEL; waiting for its RPI-RP2 drive/);
        expect(r.stderr).toMatch(/no RPI-RP2 drive appeared within 0.5 s/);
      } else {
        expect(r.stderr).toMatch(/runs wasmcu, but this wasmcu cannot ask it to reboot into BOOTSEL yet/);
      }
    } finally {
      sim.kill("SIGTERM");
    }
  });
});
