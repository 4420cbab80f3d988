// The simulated board: the supervisor (core/device, bundled by esbuild) on
// the JS HAL, behind a pseudo-terminal that any serial tool opens like a
// board's USB port. `wasmcu sim` runs it (tools/cli/commands/sim.mjs).
//
// The pty comes from socat (`pty,raw,echo=0` on one side, this process's pipes
// on the other). The simulator also holds the pty's slave side open itself, so
// a host that closes the port does not end the link, as unplugging a terminal
// from a board's UART does not reset it.
//
// Board behaviour it models:
//   - the link at an emulated line rate (`baud`, 10 bits per byte, both ways;
//     0 = as fast as the pipes go), with the board's own transmit buffer;
//   - flash as a file (ports/sim/flash.mjs: NOR rules, the board's size);
//   - GPIO pins, each change reported as a JSON line on `events`;
//   - reset: the supervisor boots again with RAM state lost, flash kept;
//     a JavaScript exception in the supervisor is a panic (reset reason
//     panic); a supervisor that stops stepping for WATCHDOG_MS is reset by the
//     watchdog.
import { EventEmitter } from "node:events";
import { closeSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installHal } from "./hal.mjs";
import { SimFlash, installFlash, PowerCut } from "./flash.mjs";
import { openPty } from "./pty.mjs";

/** The boards the simulator can be: the module store's flash, the RAM modules may use, the GPIO pins. */
export const BOARDS = {
  rp2040: { name: "rp2040-sim", storeBytes: 1024 * 1024, ram: 256 * 1024, pins: 30 },
  esp32: { name: "esp32-sim", storeBytes: 1024 * 1024, ram: 320 * 1024, pins: 40 },
};

export const RESET_REASONS = ["power-on", "software", "watchdog", "panic"];
const RESET = { powerOn: 0, software: 1, watchdog: 2, panic: 3 };
/** hal_reset's reason for "into the USB bootloader" (core/hal.ts ResetReason.Bootloader) */
const RESET_TO_BOOTLOADER = 4;

/** Without a step for this long, the simulated watchdog resets the board. */
const WATCHDOG_MS = 5000;
/** The board's transmit buffer (a UART FIFO plus the driver's ring): what linkWrite takes beyond the line. */
const TX_BUFFER = 1024;

const encoder = new TextEncoder();

/**
 * A byte budget at a line rate: `take(n)` grants up to n bytes the line has
 * carried by now (10 bits per byte at `baud`); unlimited when baud is 0.
 */
class LineRate {
  constructor(baud) {
    this.bytesPerMs = baud / 10 / 1000;
    this.credit = 0;
    this.last = performance.now();
  }
  take(n) {
    if (!(this.bytesPerMs > 0)) return n;
    const now = performance.now();
    // at most a few ms of idle line banks up, as a UART's FIFO does
    this.credit = Math.min(this.credit + (now - this.last) * this.bytesPerMs, 64 + this.bytesPerMs * 4);
    this.last = now;
    const k = Math.min(n, Math.floor(this.credit));
    this.credit -= k;
    return k;
  }
  /** ms until `n` bytes of credit are there */
  waitFor(n) {
    if (!(this.bytesPerMs > 0)) return 0;
    return Math.max(0, (n - this.credit) / this.bytesPerMs);
  }
}

/** Loads the supervisor's JS build (core/device bundled by esbuild; cached under build/sim/). */
async function loadDevice() {
  const { buildJsBundle } = await import("../../tools/lib/js-bundle.mjs");
  return buildJsBundle({
    name: "wasmcu-device",
    entry: `export { deviceBoot, deviceStep } from "./core/device/device";\n`,
  });
}

/**
 * Starts a simulated board. Options: board ("rp2040" | "esp32"), flash (file
 * path; default a new temporary file), baud (0 = unlimited), link (a symlink
 * to create to the pty), portFile (where to leave the pty's path for
 * `wasmcu` to find; null for none). Returns { path, events, flash, pins,
 * reset(reason), close() }; `events` emits "event" with the JSON objects of
 * the contract ({event: "gpio" | "reset" | "ready", ...}).
 */
export async function startSimulator({ board = "rp2040", flash = null, baud = 115200, link = null, portFile = null, log = (m) => process.stderr.write(`sim: ${m}\n`) } = {}) {
  const spec = BOARDS[board];
  if (!spec) throw new Error(`unknown board '${board}': choose ${Object.keys(BOARDS).join(" or ")}`);
  const device = await loadDevice();
  const events = new EventEmitter();
  const emit = (e) => events.emit("event", e);

  let flashFile = flash;
  let tempDir = null;
  if (!flashFile) {
    tempDir = join(tmpdir(), `wasmcu-sim-${process.pid}-${Date.now()}`);
    mkdirSync(tempDir, { recursive: true });
    flashFile = join(tempDir, `${board}-flash.bin`);
  }
  const simFlash = SimFlash.open(flashFile, spec.storeBytes, { log: (m) => log(m) });

  const pty = await openPty({ link });
  const slaveFd = pty.slaveFd;
  // the pty's path, and the pid of the process that serves it (a reader ignores the file once that process is gone)
  if (portFile) writeFileSync(portFile, `${pty.path}\n${process.pid}\n`);

  // ---- the link: host -> board bytes queue up here, and come out at the line rate
  const rxChunks = [];
  let rxOffset = 0;
  const rxRate = new LineRate(baud);
  const txRate = new LineRate(baud);
  let linkDown = false;
  pty.child.stdout.on("data", (chunk) => {
    rxChunks.push(chunk);
    wake();
  });
  pty.child.on("exit", () => {
    linkDown = true;
    wake();
  });
  pty.child.stdin.on("error", () => {
    linkDown = true;
  });

  const pins = new Uint8Array(spec.pins);
  const modes = new Uint8Array(spec.pins);
  let resetReason = RESET.powerOn;
  let resetRequested = -1;
  let lastFeed = performance.now();
  const bootNs = process.hrtime.bigint();
  const micros = () => Number((process.hrtime.bigint() - bootNs) / 1000n);

  installHal();
  installFlash(simFlash);
  Object.assign(globalThis, {
    hal_link_read(bytes, offset, length) {
      if (linkDown) return -1;
      let n = 0;
      const want = rxRate.take(Math.min(length, rxAvailable()));
      while (n < want) {
        const c = rxChunks[0];
        const k = Math.min(want - n, c.length - rxOffset);
        bytes.set(c.subarray(rxOffset, rxOffset + k), offset + n);
        n += k;
        rxOffset += k;
        if (rxOffset === c.length) {
          rxChunks.shift();
          rxOffset = 0;
        }
      }
      return n;
    },
    hal_link_write(bytes, offset, length) {
      if (linkDown) return -1;
      const stdin = pty.child.stdin;
      const room = Math.max(0, TX_BUFFER - stdin.writableLength);
      const n = txRate.take(Math.min(length, room));
      if (n > 0) stdin.write(Buffer.from(bytes.subarray(offset, offset + n)));
      return n;
    },
    hal_gpio_count: () => spec.pins,
    hal_gpio_mode(pin, mode) {
      if (pin < 0 || pin >= spec.pins) return -1;
      modes[pin] = mode;
      emit({ event: "gpio", pin, level: pins[pin], mode, us: micros() });
      return 0;
    },
    hal_gpio_write(pin, level) {
      if (pin < 0 || pin >= spec.pins) return;
      pins[pin] = level ? 1 : 0;
      emit({ event: "gpio", pin, level: pins[pin], mode: modes[pin], us: micros() });
    },
    hal_gpio_read: (pin) => (pin >= 0 && pin < spec.pins ? pins[pin] : 0),
    hal_board_name(bytes) {
      const b = encoder.encode(spec.name);
      const n = Math.min(b.length, bytes.length);
      bytes.set(b.subarray(0, n));
      return n;
    },
    hal_ram_size: () => spec.ram,
    hal_reset_reason: () => resetReason,
    hal_reset(reason) {
      if (reason === RESET_TO_BOOTLOADER) {
        // no boot ROM here: say that it was asked for, and boot the supervisor again
        emit({ event: "bootloader", note: "no USB bootloader in the simulator: it boots the supervisor again" });
        reason = RESET.software;
      }
      resetRequested = reason;
    },
    hal_watchdog_feed() {
      lastFeed = performance.now();
    },
  });

  function rxAvailable() {
    let n = -rxOffset;
    for (const c of rxChunks) n += c.length;
    return n;
  }

  // ---- the main loop: boot, then step; idle until the step's deadline or input
  let timer = null;
  let immediate = null;
  let closed = false;
  /** Runs step() after `ms` (at once, after pending I/O, when ms <= 0: setTimeout would wait 1 ms at least). */
  function schedule(ms) {
    if (timer !== null) clearTimeout(timer);
    if (immediate !== null) clearImmediate(immediate);
    timer = null;
    immediate = null;
    if (ms <= 0) immediate = setImmediate(step);
    else timer = setTimeout(step, ms);
  }
  function wake() {
    if (closed) return;
    schedule(0);
  }

  function boot(reason) {
    resetReason = reason;
    pins.fill(0);
    modes.fill(0);
    emit({ event: "reset", reason: RESET_REASONS[reason] });
    simFlash.powerOn?.();
    device.deviceBoot();
    emit({ event: "ready" });
  }

  /** How long step() runs the supervisor before it lets Node read the pty: a board's CPU is busy, not idle, while modules compute. */
  const BURST_MS = 5;

  function step() {
    timer = null;
    immediate = null;
    if (closed) return;
    let waitNs;
    try {
      const began = performance.now();
      do waitNs = Number(device.deviceStep());
      while (waitNs <= 0 && resetRequested < 0 && performance.now() - began < BURST_MS);
    } catch (e) {
      if (e instanceof PowerCut) {
        log("power cut: the board boots again");
        boot(RESET.powerOn);
      } else {
        log(`supervisor panic: ${e.stack ?? e}`);
        boot(RESET.panic);
      }
      wake();
      return;
    }
    if (resetRequested >= 0) {
      const reason = resetRequested;
      resetRequested = -1;
      boot(reason);
      wake();
      return;
    }
    let ms = waitNs / 1e6;
    // input waiting behind the line rate, or output waiting for the line: come back when it has moved
    if (rxAvailable() > 0) ms = Math.min(ms, Math.max(1, rxRate.waitFor(64)));
    schedule(ms);
  }

  // the simulated watchdog: a supervisor stuck in one step never gets here, so this checks from outside
  const watchdog = setInterval(() => {
    if (!closed && performance.now() - lastFeed > WATCHDOG_MS) {
      log("watchdog: no step for 5 s; resetting");
      lastFeed = performance.now();
      boot(RESET.watchdog);
      wake();
    }
  }, 1000);
  watchdog.unref();

  // the first boot comes after this returns, so that the caller hears its events
  setTimeout(() => {
    boot(RESET.powerOn);
    wake();
  }, 0);

  return {
    path: pty.path,
    events,
    flash: simFlash,
    flashFile,
    pins,
    /** Resets the board now, as its reset button (reason: "software", "watchdog", "panic", "power-on"). */
    reset(reason = "power-on") {
      boot(Math.max(0, RESET_REASONS.indexOf(reason)));
      wake();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer !== null) clearTimeout(timer);
      if (immediate !== null) clearImmediate(immediate);
      clearInterval(watchdog);
      closeSync(slaveFd);
      pty.child.kill();
      simFlash.close?.();
      if (link) rmSync(link, { force: true });
      // another simulator may have taken the port file over since
      if (portFile && existsSync(portFile) && readFileSync(portFile, "utf8").split("\n")[0].trim() === pty.path) rmSync(portFile, { force: true });
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
