// Which port is the board on. In order:
//   1. --port PATH,
//   2. the environment variable WASMCU_PORT,
//   3. a USB device with a known vendor:product id (SerialPort.list(), which
//      needs udevadm; without it, the same facts read from sysfs),
//   4. a running simulator, which writes its pty's path (and its pid) to
//      ${os.tmpdir()}/wasmcu-sim-${uid}.port while it runs.
import { existsSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SerialPort } from "serialport";

/** USB ids of the serial devices that carry a wasmcu board (vid and pid: 4 lowercase hex digits). */
export const KNOWN_USB_IDS = [
  { vid: "2e8a", pid: "000a", what: "RP2040 (wasmcu firmware, USB CDC)" },
  { vid: "303a", pid: "1001", what: "ESP32 USB-serial-JTAG" },
  { vid: "10c4", pid: "ea60", what: "CP210x USB-UART bridge (ESP32 board)" },
  { vid: "1a86", pid: "7523", what: "CH340 USB-UART bridge (ESP32 board)" },
  { vid: "0403", pid: "6001", what: "FTDI FT232 USB-UART bridge (ESP32 board)" },
];

/** No board to talk to (the CLI exits 3). */
export class NoBoardError extends Error {
  constructor(message) {
    super(message);
    this.name = "NoBoardError";
  }
}

const NO_BOARD_HINT = "connect one, pass --port PATH, or start a simulator with `npx wasmcu sim`";

/** The file in which a running simulator leaves the path of its pty. */
export function simulatorPortFile({ dir = tmpdir(), uid = process.getuid?.() ?? 0 } = {}) {
  return join(dir, `wasmcu-sim-${uid}.port`);
}

function readId(dir, file) {
  try {
    return readFileSync(join(dir, file), "utf8").trim().toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The USB serial ports that sysfs knows of, read from `root` (/sys, or a fake
 * tree in tests): for each class/tty/NAME/device, the nearest directory up
 * from where it leads that has idVendor and idProduct (the USB device; the tty
 * hangs off one of its interfaces). Returns [{ path: "/dev/NAME", vendorId,
 * productId, manufacturer?, serialNumber? }], sorted by path.
 */
export function scanSysfs(root = "/sys", devDir = "/dev") {
  const classDir = join(root, "class/tty");
  let names;
  try {
    names = readdirSync(classDir);
  } catch {
    return [];
  }
  let top;
  try {
    top = realpathSync(root);
  } catch {
    return [];
  }
  const found = [];
  for (const name of names.sort()) {
    let dir;
    try {
      dir = realpathSync(join(classDir, name, "device"));
    } catch {
      continue; // a virtual terminal: no device behind it
    }
    while (dir.startsWith(top) && dir !== top) {
      const vendorId = readId(dir, "idVendor");
      const productId = readId(dir, "idProduct");
      if (vendorId && productId) {
        const entry = { path: join(devDir, name), vendorId, productId };
        const manufacturer = readId(dir, "manufacturer");
        const serialNumber = readId(dir, "serial");
        if (manufacturer) entry.manufacturer = manufacturer;
        if (serialNumber) entry.serialNumber = serialNumber;
        found.push(entry);
        break;
      }
      dir = dirname(dir);
    }
  }
  return found;
}

/** SerialPort.list(), or the sysfs scan where udevadm is missing (containers) or list() fails. */
export async function listPorts({ sysfsRoot = "/sys" } = {}) {
  try {
    const ports = await SerialPort.list();
    if (ports.some((p) => p.vendorId)) return ports.map((p) => ({ ...p, vendorId: p.vendorId?.toLowerCase(), productId: p.productId?.toLowerCase() }));
  } catch {
    // "spawn udevadm ENOENT": read sysfs ourselves
  }
  return scanSysfs(sysfsRoot);
}

/** The known-board entries among `ports`, each with `what` (which kind of device). */
export function knownBoards(ports) {
  const boards = [];
  for (const p of ports) {
    const id = KNOWN_USB_IDS.find((k) => k.vid === p.vendorId && k.pid === p.productId);
    if (id) boards.push({ ...p, what: id.what });
  }
  return boards;
}

/**
 * The pty of a running simulator, or null: no port file, or its pty is gone,
 * or the process that wrote it is (a simulator that was killed leaves its file
 * behind, and the pty's number may belong to someone else's pty by now). The
 * file holds the pty's path on its first line and, optionally, the
 * simulator's pid on the second.
 */
export function runningSimulator(portFile = simulatorPortFile()) {
  let lines;
  try {
    lines = readFileSync(portFile, "utf8").split("\n");
  } catch {
    return null;
  }
  const path = lines[0].trim();
  const pid = Number(lines[1]?.trim());
  if (!path || !existsSync(path)) return null;
  if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) return null;
  return path;
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM"; // someone else's: alive
  }
}

/**
 * Finds the board's port: { path, via: "option" | "env" | "usb" | "simulator",
 * what }. Throws NoBoardError, saying what to do, when there is none or when
 * several USB boards make the choice ambiguous. `env`, `list` (the ports, as
 * listPorts returns) and `simPortFile` are parameters for the tests.
 */
export async function findBoard({ port, env = process.env, list = listPorts, simPortFile = simulatorPortFile() } = {}) {
  if (port) return { path: port, via: "option", what: "given with --port" };
  if (env.WASMCU_PORT) return { path: env.WASMCU_PORT, via: "env", what: "given by WASMCU_PORT" };
  const boards = knownBoards(await list());
  if (boards.length === 1) return { path: boards[0].path, via: "usb", what: `${boards[0].what}, ${boards[0].vendorId}:${boards[0].productId}` };
  if (boards.length > 1) {
    const which = boards.map((b) => `  ${b.path}  ${b.vendorId}:${b.productId} ${b.what}`).join("\n");
    throw new NoBoardError(`several boards found; choose one with --port PATH (or WASMCU_PORT):\n${which}`);
  }
  const sim = runningSimulator(simPortFile);
  if (sim) return { path: sim, via: "simulator", what: "a running simulator" };
  throw new NoBoardError(`no board found: ${NO_BOARD_HINT}`);
}
