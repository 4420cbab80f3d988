// The emulated Pico's BOOTSEL mass-storage drive. A real RP2040 in BOOTSEL
// shows a FAT drive labelled RPI-RP2 holding INFO_UF2.TXT and INDEX.HTM;
// copying a UF2 onto it flashes the blocks and reboots the chip. Here the
// drive is a directory with the same two files: a UF2 copied into it is
// flashed into the emulated board, which reboots into it, and the directory
// goes away as the drive does. While it exists, `<tmpdir>/wasmcu-rp2040-
// <uid>.drive` names it (and this process), so `wasmcu flash` finds it
// without --drive.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const INFO_UF2 = "UF2 Bootloader v3.0\r\nModel: Raspberry Pi RP2\r\nBoard-ID: RPI-RP2\r\n";
const INDEX_HTM = '<html><head><meta http-equiv="refresh" content="0;URL=\'https://raspberrypi.com/device/RP2?version=E0C9125B0D9B\'"/></head><body>Redirecting to <a href="https://raspberrypi.com/device/RP2?version=E0C9125B0D9B">raspberrypi.com</a></body></html>\r\n';

/** Where a running emulated board announces its BOOTSEL drive. */
export function emulatedDriveFile({ dir = tmpdir(), uid = process.getuid?.() ?? 0 } = {}) {
  return join(dir, `wasmcu-rp2040-${uid}.drive`);
}

/** The announced drive of a running emulated board, or null. */
export function announcedDrive(file = emulatedDriveFile()) {
  let lines;
  try {
    lines = readFileSync(file, "utf8").split("\n");
  } catch {
    return null;
  }
  const drive = lines[0].trim();
  const pid = Number(lines[1]);
  if (!drive || !existsSync(join(drive, "INFO_UF2.TXT"))) return null;
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if (e.code !== "EPERM") return null;
    }
  }
  return drive;
}

/** A UF2 file is complete when it holds as many blocks as its blocks say. */
function completeUf2(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  if (bytes.length < 512 || bytes.length % 512 !== 0) return null;
  const total = bytes.readUInt32LE(24);
  return bytes.length === total * 512 ? new Uint8Array(bytes) : null;
}

/**
 * Shows the drive for `board` in `dir` (made, with INFO_UF2.TXT and
 * INDEX.HTM) and watches it: the first complete UF2 copied in is flashed
 * (board.flashImage) and the drive removed. Returns { dir, close() }.
 * `log(message)` hears what happens; `announce` writes the drive file.
 */
export function showBootselDrive(board, dir, { log = () => {}, announce = true } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "INFO_UF2.TXT"), INFO_UF2);
  writeFileSync(join(dir, "INDEX.HTM"), INDEX_HTM);
  const driveFile = emulatedDriveFile();
  if (announce) writeFileSync(driveFile, `${dir}\n${process.pid}\n`);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(poll);
    rmSync(dir, { recursive: true, force: true });
    if (announce && announcedDriveIs(driveFile, dir)) rmSync(driveFile, { force: true });
  };
  const poll = setInterval(() => {
    for (const name of readdirSync(dir)) {
      if (!name.toLowerCase().endsWith(".uf2")) continue;
      const file = join(dir, name);
      if (!statSync(file).isFile()) continue;
      const image = completeUf2(file);
      if (image === null) continue;
      try {
        board.flashImage(image);
      } catch (e) {
        // what a real ROM does with blocks it cannot use: nothing; the drive stays
        log(`BOOTSEL drive: ${name} is not an RP2040 UF2 (${e.message}); still in BOOTSEL`);
        rmSync(file, { force: true });
        continue;
      }
      log(`BOOTSEL drive: ${name} (${image.length / 512} blocks) flashed; the board reboots into it`);
      close();
      return;
    }
  }, 50);
  return { dir, close };
}

function announcedDriveIs(file, dir) {
  try {
    return readFileSync(file, "utf8").split("\n")[0] === dir;
  } catch {
    return false;
  }
}
