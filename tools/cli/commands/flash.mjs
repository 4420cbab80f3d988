// `wasmcu flash --board rp2040 [image.uf2] [--drive DIR]`: puts a firmware
// image on a Raspberry Pi Pico through its BOOTSEL drive (the boot ROM's USB
// mass-storage mode, volume label RPI-RP2): copying a UF2 onto it flashes the
// blocks and reboots the board.
//
// The drive: --drive DIR (any directory holding INFO_UF2.TXT, e.g. a mount
// point, or the stand-in of `wasmcu sim --board rp2040 --emulate`); else the
// block device /dev/disk/by-label/RPI-RP2 and where /proc/mounts says it is
// mounted; else a mount point named RPI-RP2 holding INFO_UF2.TXT; else the
// stand-in drive a running emulated Pico announces. No drive, but a board
// that answers wasmcu's protocol (found as every board command finds one):
// it is asked to reboot into BOOTSEL (BoardClient.rebootToBootloader; a real
// board does it through the boot ROM's reset-to-USB-boot entry), then the
// drive is waited for.
//
// The image defaults to what `npm run firmware -- --board rp2040` builds
// (built when stale). It is checked (whole UF2 blocks, numbered, RP2040
// family 0xe48bff56, inside the 2 MB flash) before anything is touched.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, realpathSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import cliProgress from "cli-progress";
import { Option } from "commander";
import { announcedDrive } from "../../rp2040-emu/bootsel-drive.mjs";
import { uf2Segments } from "../../rp2040-emu/image.mjs";
import { CommandError, describeFailure, EXIT, exit, say } from "../board.mjs";

export const VOLUME_LABEL = "RPI-RP2";
const FLASH_BYTES = 2 * 1024 * 1024;
/** How long to wait for the drive after asking the board to reboot into BOOTSEL. */
const DRIVE_WAIT_MS = 15_000;
/** UF2 blocks written per step of the progress bar. */
const BLOCKS_PER_WRITE = 16;

/** A mount point from /proc/mounts, its octal escapes (\040 = space) decoded. */
const unescapeMount = (text) => text.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));

/** Whether `dir` looks like an RP2040's BOOTSEL drive (INFO_UF2.TXT naming RPI-RP2). */
export function isBootselDrive(dir) {
  try {
    return /Board-ID:\s*RPI-RP2/.test(readFileSync(join(dir, "INFO_UF2.TXT"), "utf8"));
  } catch {
    return false;
  }
}

/**
 * The mounted BOOTSEL drives: { drives: [dir], unmounted: [device] } (a
 * labelled device not mounted anywhere). The places it reads can be moved
 * for tests.
 */
export function findBootselDrives({ byLabel = "/dev/disk/by-label", mounts = "/proc/mounts", emulated = announcedDrive() } = {}) {
  const drives = [];
  const unmounted = [];
  let table = [];
  try {
    table = readFileSync(mounts, "utf8")
      .split("\n")
      .map((line) => line.split(" "))
      .filter((fields) => fields.length >= 2)
      .map(([device, dir]) => ({ device: unescapeMount(device), dir: unescapeMount(dir) }));
  } catch {
    // no /proc/mounts (not Linux): only the other ways
  }
  const labelled = join(byLabel, VOLUME_LABEL);
  if (existsSync(labelled)) {
    const device = realpathSync(labelled);
    const at = table.filter((m) => m.device === device || m.device === labelled).map((m) => m.dir);
    if (at.length === 0) unmounted.push(device);
    drives.push(...at);
  }
  for (const m of table) if (basename(m.dir) === VOLUME_LABEL) drives.push(m.dir);
  // desktops that automount without /proc/mounts entries we can read (macOS)
  drives.push(join("/Volumes", VOLUME_LABEL));
  if (emulated) drives.push(emulated);
  return { drives: [...new Set(drives)].filter(isBootselDrive), unmounted };
}

/** The UF2 to flash: the one given, or the default firmware build's. */
async function resolveImage(image, board) {
  if (image) return image;
  const { buildFirmware } = await import("../../../firmware/build.mjs");
  return buildFirmware({ board, log: (m) => say(m) }).uf2;
}

/** Checks a UF2 for the RP2040 and returns its bytes. */
export function readUf2(file) {
  let bytes;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CommandError(EXIT.USAGE, `cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  }
  try {
    uf2Segments(bytes, FLASH_BYTES);
  } catch (e) {
    throw new CommandError(EXIT.USAGE, `${file} is not a UF2 image for the RP2040: ${e.message}`);
  }
  return bytes;
}

/**
 * Copies the UF2's bytes to `<drive>/<name>` with a progress bar on stderr
 * (a terminal only). The board reboots when the last block lands, and the
 * drive may vanish under the final flush: errors after every byte was
 * written are not failures.
 */
export function copyToDrive(bytes, drive, name, { progress = process.stderr.isTTY } = {}) {
  const target = join(drive, name);
  const bar = progress
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: `${name} [{bar}] {percentage}% | {value}/{total} bytes`, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const started = performance.now();
  let fd;
  try {
    fd = openSync(target, "w");
  } catch (e) {
    throw new CommandError(EXIT.FAILED, `cannot write to the drive at ${drive}: ${e.message}`);
  }
  bar?.start(bytes.length, 0);
  let written = 0;
  try {
    const step = 512 * BLOCKS_PER_WRITE;
    while (written < bytes.length) {
      written += writeSync(fd, bytes, written, Math.min(step, bytes.length - written));
      bar?.update(written);
    }
  } catch (e) {
    bar?.stop();
    throw new CommandError(EXIT.FAILED, `writing ${target} failed after ${written} of ${bytes.length} bytes: ${e.message}`);
  } finally {
    try {
      fsyncSync(fd);
      closeSync(fd);
    } catch {
      // the board rebooted and the drive went away: the bytes were all written
    }
  }
  bar?.stop();
  return { target, seconds: (performance.now() - started) / 1000 };
}

/** Resolves to a BOOTSEL drive once one appears, or null after `timeoutMs`. */
export async function waitForDrive(find, timeoutMs = DRIVE_WAIT_MS) {
  const started = Date.now();
  for (;;) {
    const { drives } = find();
    if (drives.length > 0) return drives[0];
    if (Date.now() - started > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Asks the wasmcu board on its port to reboot into BOOTSEL. Resolves to a
 * sentence saying what happened, or throws a CommandError saying why not.
 */
async function askBoardForBootsel(opts) {
  const { findBoard, NoBoardError } = await import("../../link/detect.mjs");
  const { Transport } = await import("../../link/transport.mjs");
  const { BoardClient, BoardTimeout } = await import("../../link/client.mjs");
  const { loadWire } = await import("../../link/wire.mjs");
  let port;
  try {
    port = await findBoard({ port: opts.port });
  } catch (e) {
    if (e instanceof NoBoardError) return null;
    throw e;
  }
  let transport;
  try {
    transport = await Transport.open(port.path, { baud: opts.baud, warn: say });
  } catch (e) {
    throw new CommandError(EXIT.NO_BOARD, `no ${VOLUME_LABEL} drive, and the board to ask for BOOTSEL (${port.path}, ${port.what}) cannot be opened: ${e.message}`);
  }
  try {
    const client = new BoardClient(transport, await loadWire(), { timeoutMs: opts.timeout });
    try {
      await client.hello();
    } catch (e) {
      if (e instanceof BoardTimeout) {
        throw new CommandError(EXIT.NO_BOARD, `no ${VOLUME_LABEL} drive, and the board on ${port.path} does not answer wasmcu's protocol: hold BOOTSEL while plugging the Pico in, then run this again`);
      }
      throw e;
    }
    if (typeof client.rebootToBootloader !== "function") {
      throw new CommandError(EXIT.NO_BOARD, `no ${VOLUME_LABEL} drive; the board on ${port.path} runs wasmcu, but this wasmcu cannot ask it to reboot into BOOTSEL yet: hold BOOTSEL while plugging the Pico in`);
    }
    await client.rebootToBootloader();
    return `asked the board on ${port.path} to reboot into BOOTSEL`;
  } finally {
    await transport.close();
  }
}

async function action(image, opts) {
  let code = EXIT.OK;
  try {
    const file = await resolveImage(image, opts.board);
    const bytes = readUf2(file);
    let drive = opts.drive ?? null;
    if (drive !== null && !existsSync(join(drive, "INFO_UF2.TXT"))) {
      throw new CommandError(EXIT.NO_BOARD, `${drive} is not a BOOTSEL drive (no INFO_UF2.TXT in it)`);
    }
    if (drive === null) {
      const found = findBootselDrives();
      if (found.drives.length > 1) throw new CommandError(EXIT.USAGE, `several ${VOLUME_LABEL} drives: ${found.drives.join(", ")}; pick one with --drive`);
      drive = found.drives[0] ?? null;
      if (drive === null && found.unmounted.length > 0) {
        throw new CommandError(EXIT.NO_BOARD, `the ${VOLUME_LABEL} drive (${found.unmounted[0]}) is not mounted: mount it (e.g. \`udisksctl mount -b ${found.unmounted[0]}\`) or give --drive`);
      }
    }
    if (drive === null) {
      const asked = await askBoardForBootsel(opts);
      if (asked === null) {
        throw new CommandError(EXIT.NO_BOARD, `no ${VOLUME_LABEL} drive and no wasmcu board found: hold the Pico's BOOTSEL button while plugging it in (or give --drive DIR)`);
      }
      say(`${asked}; waiting for its ${VOLUME_LABEL} drive`);
      drive = await waitForDrive(() => findBootselDrives(), opts.wait);
      if (drive === null) throw new CommandError(EXIT.NO_BOARD, `no ${VOLUME_LABEL} drive appeared within ${opts.wait / 1000} s (is it mounted? give --drive)`);
    }
    const { target, seconds } = copyToDrive(bytes, drive, basename(file).replace(/\.[^.]*$/, "") + ".uf2");
    say(`flashed ${file} (${bytes.length / 512} blocks, ${(bytes.length / 1024).toFixed(1)} KB) to ${target} in ${seconds.toFixed(2)} s; the board restarts into it`);
  } catch (e) {
    const failure = describeFailure(e);
    say(failure.message);
    code = failure.exit;
  }
  await exit(code);
}

export function register(program) {
  program
    .command("flash")
    .description(`put a firmware image (UF2) on a board through its BOOTSEL drive (${VOLUME_LABEL})`)
    .argument("[image]", "the UF2 to flash (default: what `npm run firmware -- --board rp2040` builds)")
    .addOption(new Option("--board <board>", "the board").choices(["rp2040"]).default("rp2040"))
    .option("--drive <dir>", "the BOOTSEL drive's mount point (default: found by its label RPI-RP2)")
    .option("-p, --port <path>", "the board to ask for BOOTSEL when no drive is mounted (default: found like every board command)")
    .option("-b, --baud <n>", "the line rate for that request", (t) => Number(t), 115200)
    .option("--timeout <ms>", "how long to wait for the board's answer", (t) => Number(t), 2000)
    .option("--wait <ms>", "how long to wait for the drive after asking the board", (t) => Number(t), DRIVE_WAIT_MS)
    .addHelpText(
      "after",
      "\nExamples:\n  $ npx wasmcu flash build/firmware/rp2040/bsp-test.uf2       # a Pico held in BOOTSEL, or running wasmcu\n" +
        "  $ npx wasmcu flash firmware.uf2 --drive /media/$USER/RPI-RP2\n",
    )
    .action(action);
}
