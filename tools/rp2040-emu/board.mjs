// The emulated Raspberry Pi Pico: rp2040js's RP2040 core and peripherals,
// plus what a board has around the chip and what rp2040js leaves out:
//   - the W25Q16JV flash chip behind the SSI and the XIP window (qspi.mjs,
//     flash-chip.mjs), its contents kept in a file between runs;
//   - the boot ROM's flash boot (rp2040js has no ROM): boot2's CRC-32 is
//     checked, boot2 is copied to 0x20041f00 and entered with LR = 0, as the
//     ROM does; a flash without a valid boot2 leaves the board in BOOTSEL,
//     as a blank Pico does;
//   - resets: the watchdog (rp2040js only calls a hook) restarts the chip,
//     keeping SRAM, the watchdog's REASON and SCRATCH registers and the flash;
//     SCRATCH4 = 0xb007c0de at that reset is the firmware asking for BOOTSEL,
//     which the board reports and obeys (it stops, waiting for a UF2, see
//     bootsel-drive.mjs); a power cycle loses everything but the flash;
//   - a USB host (usb-host.mjs) on the USB controller, the UART0 line fed at
//     the programmed baud rate, and GPIO output changes as events.
// Time: the core runs at clk_sys (each instruction's cycles advance the
// emulated clock); with `realtime`, the emulated clock never runs ahead of
// the wall clock (idle periods are waited out); otherwise a core waiting
// for an event skips ahead to the next scheduled one (fast tests), and with
// nothing scheduled, time passes at the wall clock's pace.
//
// Problems (what a real board would not do or would choke on) are collected
// in `problems` and emitted as "problem"; with `strict` (the default) the
// fatal ones halt the core ("fault"), as they would crash a real board.
import { EventEmitter } from "node:events";
import { GPIOPinState, RP2040 } from "rp2040js";
import { W25Q16JV, FLASH_SIZE, TYPICAL_TIMES } from "./flash-chip.mjs";
import { FlashStore } from "./flash-store.mjs";
import { crc32Mpeg2, imageSegments, readImage } from "./image.mjs";
import { installQspi } from "./qspi.mjs";
import { UsbCdcHost } from "./usb-host.mjs";

export const BOOT2_RAM_ADDRESS = 0x20041f00;
export const BOOTSEL_MAGIC = 0xb007c0de;
const SRAM_END = 0x20042000;
const WATCHDOG_BASE = 0x40058;
const PSM_BASE = 0x40010;
const PSM_WDSEL_PROC0 = 1 << 15;
const WATCHDOG_REASON_TIMER = 1;
const WATCHDOG_REASON_FORCE = 2;
/** Instructions between checks of the wall clock and of pending resets. */
const BATCH = 4096;
/** Wall time the loop runs before it lets Node's I/O in. */
const SLICE_MS = 15;
/** Problems kept in `problems` (later ones are only counted and emitted). */
const MAX_PROBLEMS = 1000;

const hex = (n) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;

/** rp2040js's logger, kept: its warnings (unmodelled registers) are notes, its errors problems. */
class CollectingLogger {
  constructor(board) {
    this.board = board;
  }
  debug() {}
  info() {}
  warn(component, message) {
    this.board.note(`${component}: ${message}`);
  }
  error(component, message) {
    this.board.report(`${component}: ${message}`, false);
  }
}

export class EmulatedBoard extends EventEmitter {
  /**
   * Options:
   *   image: an ELF / BIN / UF2 file, or its bytes, flashed before the first
   *     boot (sectors it touches are erased first; the rest of the flash kept);
   *   flashFile: the chip's contents between runs (default: memory only);
   *   strict (true): fatal problems halt the core;
   *   realtime (false): never run ahead of the wall clock;
   *   flashTimes: the chip's busy times (default: W25Q16JV typical);
   *   log(message): the harness's own messages.
   */
  constructor({ image = null, flashFile = null, strict = true, realtime = false, flashTimes = TYPICAL_TIMES, log = () => {} } = {}) {
    super();
    this.strict = strict;
    this.realtime = realtime;
    this.log = log;
    this.store = flashFile ? FlashStore.open(flashFile, FLASH_SIZE) : new FlashStore(FLASH_SIZE);
    if (image !== null) {
      const segments = typeof image === "string" ? readImage(image, FLASH_SIZE) : imageSegments(image, FLASH_SIZE);
      this.store.load(segments);
    }
    /** emulated ns of the runs before the last reset (the clock restarts with the chip) */
    this.elapsedBefore = 0;
    this.chip = new W25Q16JV(this.store, {
      now: () => this.now(),
      times: flashTimes,
      problem: (message) => this.report(message, false),
      beforeChange: (offset, length) => this.xip?.beforeChange(offset, length),
    });
    this.chip.onPowerCut = () => this.powerCut();
    this.problems = [];
    this.notes = new Set();
    this.state = "off";
    this.fault = null;
    this.resets = 0;
    this.pendingReset = null;
    this.uartRx = [];
    this.uartRxArmed = false;
    this.uartOverruns = 0;
    this.uartText = "";
    this.gpioLog = [];
    this.cycles = 0;
    this.wallMs = 0;
    this.running = false;
    this.timer = null;
    this.usbBacklog = () => 0;
    this.wallStart = performance.now();
    this.powerOn("power");
  }

  /** Emulated ns since the board was first powered. */
  now() {
    return this.elapsedBefore + (this.mcu ? this.mcu.clock.nanos : 0);
  }

  // ---- problems ---------------------------------------------------------

  /** A problem; `fatal` ones halt the core when strict. */
  report(message, fatal) {
    const entry = { message, ns: this.now(), pc: this.mcu ? this.mcu.core.PC : 0, fatal };
    // a firmware that repeats a mistake in a loop must not fill the memory: the first ones tell
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(entry);
    else this.problemsDropped = (this.problemsDropped ?? 0) + 1;
    this.emit("problem", entry);
    if (fatal && this.strict && this.state === "running") {
      this.fault = entry;
      this.state = "halted";
      this.emit("fault", entry);
    }
  }

  note(message) {
    if (this.notes.has(message)) return;
    this.notes.add(message);
    this.emit("note", message);
  }

  // ---- power, reset, boot ----------------------------------------------

  /** A new chip: cold (power) or after the watchdog (SRAM and watchdog state kept). */
  makeChip(previous) {
    if (this.mcu) this.elapsedBefore += this.mcu.clock.nanos;
    const mcu = new RP2040();
    mcu.logger = new CollectingLogger(this);
    if (previous) mcu.sram.set(previous.sram);
    this.mcu = mcu;
    const { ssi, xip } = installQspi(mcu, this.chip, {
      problem: (message) => this.report(message, false),
      fault: (message) => this.report(message, true),
    });
    this.ssi = ssi;
    this.xip = xip;
    mcu.updateClocks();
    const watchdog = mcu.peripherals[WATCHDOG_BASE];
    watchdog.onWatchdogTrigger = () => this.requestReset("watchdog");
    this.checkTick(mcu, watchdog);
    mcu.onBreak = (code) => this.report(`breakpoint (BKPT ${code}) at ${hex(mcu.core.PC)}`, true);
    mcu.uart[0].onByte = (byte) => this.uartOut(byte);
    this.gpioLevels = new Int8Array(mcu.gpio.length).fill(-1);
    for (const pin of mcu.gpio) {
      pin.addListener((state) => this.gpioChanged(pin.index, state));
    }
    this.usb = new UsbCdcHost(mcu, {
      problem: (message) => this.report(message, false),
      log: (message) => this.log(message),
      onConnected: (info) => this.emit("usb-connected", info),
      onData: (bytes) => this.emit("usb", bytes),
      onInPacket: (endpoint, length) => this.emit("usb-packet", { endpoint, length }),
      backlog: () => this.usbBacklog(),
    });
    this.uartRxAlarm = mcu.clock.createAlarm(() => this.uartFeed());
    this.uartRxArmed = false;
    return mcu;
  }

  /**
   * rp2040js counts the timer and the watchdog in real microseconds whatever
   * the tick generator says; a real RP2040 counts clk_ref cycles divided by
   * WATCHDOG TICK.CYCLES. Checked once, when the watchdog is enabled or the
   * timer first read: the tick must be on and divide clk_ref down to 1 MHz.
   */
  checkTick(mcu, watchdog) {
    let tick = 0x200; // reset value: enabled, CYCLES = 0
    let checked = false;
    const check = (what) => {
      if (checked) return;
      checked = true;
      const refHz = mcu.clocks.refFreq;
      const cycles = tick & 0x1ff;
      if (!(tick & 0x200) || cycles === 0 || Math.abs(refHz / cycles - 1e6) > 1e3) {
        this.report(`${what} with WATCHDOG TICK = ${hex(tick)} and clk_ref at ${(refHz / 1e6).toFixed(2)} MHz: a real RP2040's microsecond tick needs ENABLE and CYCLES = clk_ref / 1 MHz`, false);
      }
    };
    const writeWatchdog = watchdog.writeUint32.bind(watchdog);
    watchdog.writeUint32 = (offset, value) => {
      if (offset === 0x2c) tick = value & 0x3ff;
      if (offset === 0x00 && value & (1 << 30)) check("the watchdog was enabled");
      writeWatchdog(offset, value);
    };
    const timer = mcu.peripherals[0x40054];
    const readTimer = timer.readUint32.bind(timer);
    timer.readUint32 = (offset) => {
      if (!checked && (offset === 0x0c || offset === 0x28)) check("the timer was read");
      return readTimer(offset);
    };
  }

  /** Power on (or a power cycle): only the flash survives. */
  powerOn(reason = "power") {
    this.chip.powerLost = false;
    this.chip.poweredDown = false;
    this.chip.continuousRead = false;
    this.chip.status1 &= ~0x02;
    this.chip.busyUntil = 0;
    this.chip.cut = null;
    this.fault = null;
    this.makeChip(null);
    this.boot(reason);
  }

  /** The boot ROM's flash boot. */
  boot(reason) {
    this.resets++;
    this.emit("reset", { reason });
    this.log(`boot (${reason})`);
    const boot2 = this.store.bytes.subarray(0, 256);
    const expected = crc32Mpeg2(boot2.subarray(0, 252));
    const stored = new DataView(boot2.buffer, boot2.byteOffset).getUint32(252, true);
    if (expected !== stored) {
      this.state = "bootsel";
      const why = `no valid boot2 in flash (CRC-32 of bytes 0..251 is ${hex(expected)}, bytes 252..255 hold ${hex(stored)}): the ROM enters BOOTSEL`;
      this.log(why);
      this.emit("bootsel", { why });
      return;
    }
    const mcu = this.mcu;
    mcu.sram.set(boot2, BOOT2_RAM_ADDRESS - 0x20000000);
    mcu.core.SP = SRAM_END;
    mcu.core.LR = 0;
    mcu.core.PC = BOOT2_RAM_ADDRESS;
    this.state = "running";
  }

  /** The watchdog fired (or CTRL.TRIGGER): the chip resets between instructions. */
  requestReset(kind) {
    this.pendingReset = kind;
    // the chip is going down: stop rp2040js's watchdog alarm, which would otherwise fire again at once, forever
    const watchdog = this.mcu.peripherals[WATCHDOG_BASE];
    watchdog.alarm.enable = false;
    watchdog.timer.enable = false;
  }

  watchdogReset() {
    this.pendingReset = null;
    const old = this.mcu;
    const watchdog = old.peripherals[WATCHDOG_BASE];
    const psm = old.peripherals[PSM_BASE];
    if (!(psm.wdsel & PSM_WDSEL_PROC0)) {
      this.report(`the watchdog fired with PSM WDSEL = ${hex(psm.wdsel)}: without PROC0 (bit 15) a real RP2040 does not restart the processor`, false);
    }
    const reasonBits = watchdog.reason;
    const scratch = Uint32Array.from(watchdog.scratchData);
    this.chip.deselect();
    // the ROM's flash boot sends the continuous-read reset before anything else
    this.chip.continuousRead = false;
    const mcu = this.makeChip(old);
    const fresh = mcu.peripherals[WATCHDOG_BASE];
    fresh.reason = reasonBits;
    fresh.scratchData.set(scratch);
    const reason = reasonBits & WATCHDOG_REASON_TIMER ? "watchdog" : reasonBits & WATCHDOG_REASON_FORCE ? "watchdog-trigger" : "watchdog";
    if (scratch[4] === BOOTSEL_MAGIC) {
      this.resets++;
      this.state = "bootsel";
      this.emit("reset", { reason: "bootsel" });
      const why = "the firmware asked to reboot into BOOTSEL (watchdog SCRATCH4 = 0xb007c0de at its reset): a real board runs the boot ROM's USB mass-storage mode; the emulator has no boot ROM and waits in BOOTSEL for a UF2";
      this.log(why);
      this.emit("bootsel", { why, requested: true });
      return;
    }
    this.boot(reason);
  }

  /** The flash chip lost power in the middle of an operation (injected): the board is off. */
  powerCut() {
    this.state = "off";
    this.log("power cut");
    this.emit("power-cut");
  }

  /** Power off and on again: SRAM and registers lost, the flash file kept. */
  powerCycle() {
    this.pendingReset = null;
    this.powerOn("power");
    this.kick();
  }

  /**
   * Flashes `image` (file or bytes) as the BOOTSEL mass-storage drive does,
   * then reboots into it as the ROM does after a UF2: through the watchdog
   * (so the firmware finds WATCHDOG.REASON = TIMER).
   */
  flashImage(image) {
    const segments = typeof image === "string" ? readImage(image, FLASH_SIZE) : imageSegments(image, FLASH_SIZE);
    this.store.load(segments);
    this.pendingReset = null;
    this.chip.deselect();
    this.chip.continuousRead = false;
    this.chip.powerLost = false;
    this.fault = null;
    const mcu = this.makeChip(this.mcu);
    mcu.peripherals[WATCHDOG_BASE].reason = WATCHDOG_REASON_TIMER;
    this.boot("watchdog");
    this.kick();
  }

  // ---- the run loop ---------------------------------------------------------

  start() {
    this.running = true;
    this.wallStart = performance.now() - this.wallMs;
    this.kick();
  }

  stop() {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  kick(delayMs = 0) {
    if (!this.running) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.slice();
    }, delayMs);
  }

  /** Runs the core for up to SLICE_MS of wall time. */
  slice() {
    if (!this.running || this.state !== "running") return;
    const began = performance.now();
    const deadline = began + SLICE_MS;
    let sleepMs = -1;
    outer: for (;;) {
      const mcu = this.mcu;
      const core = mcu.core;
      const clock = mcu.clock;
      const cycleNanos = 1e9 / mcu.clkSys;
      for (let i = 0; i < BATCH; i++) {
        if (core.waiting) {
          const next = clock.nextAlarm;
          if (next === null) {
            // nothing scheduled: time passes as on the wall clock until input comes (kick)
            const behind = (performance.now() - this.wallStart) * 1e6 - this.now();
            clock.tick(this.realtime ? Math.max(0, behind) : 1e6);
            sleepMs = this.realtime ? 5 : 1;
            break outer;
          }
          const wait = next.nanos - clock.nanos;
          if (this.realtime) {
            const ahead = this.now() + wait - (performance.now() - this.wallStart) * 1e6;
            if (ahead > 0) {
              sleepMs = Math.min(ahead / 1e6, 50);
              break outer;
            }
          }
          clock.tick(wait);
        } else {
          const cycles = core.executeInstruction();
          this.cycles += cycles;
          clock.tick(cycles * cycleNanos);
        }
        if (this.state !== "running" || this.pendingReset !== null) break outer;
      }
      if (this.pendingReset !== null) this.watchdogReset();
      if (this.state !== "running") break;
      const wall = performance.now();
      if (this.realtime && this.now() > (wall - this.wallStart) * 1e6 + 5e6) {
        sleepMs = 1;
        break;
      }
      if (wall >= deadline) break;
    }
    if (this.pendingReset !== null) this.watchdogReset();
    this.wallMs += performance.now() - began;
    this.flushUart();
    if (this.state === "running") this.kick(Math.max(0, sleepMs));
  }

  /** Emulated MHz so far (cycles per wall-clock µs spent running). */
  get emulatedMhz() {
    return this.wallMs > 0 ? this.cycles / (this.wallMs * 1000) : 0;
  }

  // ---- UART0 ---------------------------------------------------------------

  uartOut(byte) {
    this.uartPending ??= [];
    this.uartPending.push(byte);
  }

  flushUart() {
    if (!this.uartPending || this.uartPending.length === 0) return;
    const bytes = Uint8Array.from(this.uartPending);
    this.uartPending.length = 0;
    this.uartText += Buffer.from(bytes).toString("latin1");
    if (this.uartText.length > 1 << 20) this.uartText = this.uartText.slice(-(1 << 19));
    this.emit("uart", bytes);
  }

  /** Bytes for UART0's RX line: they arrive one per character time at the programmed baud rate. */
  uartWrite(bytes) {
    for (const b of bytes) this.uartRx.push(b);
    this.armUartRx();
    this.kick();
  }

  armUartRx() {
    if (this.uartRxArmed || this.uartRx.length === 0) return;
    const uart = this.mcu.uart[0];
    const baud = uart.baudDivider > 0 ? uart.baudRate : 115200;
    this.uartRxArmed = true;
    this.uartRxAlarm.schedule((10 * 1e9) / baud);
  }

  uartFeed() {
    this.uartRxArmed = false;
    const uart = this.mcu.uart[0];
    const byte = this.uartRx.shift();
    if (byte === undefined) return;
    if (!uart.enabled || !uart.rxEnabled) {
      this.note("UART0: a byte arrived while the UART's receiver is off (lost)");
    } else if (uart.rxFIFO.full) {
      this.uartOverruns++;
      this.report("UART0: RX FIFO overrun (the firmware did not read the 32-byte FIFO in time): a byte is lost", false);
    } else {
      uart.feedByte(byte);
    }
    this.armUartRx();
  }

  // ---- USB, GPIO --------------------------------------------------------

  /** Bytes the host sends to the board's CDC data interface. */
  usbWrite(bytes) {
    this.usb.write(bytes);
    this.kick();
  }

  /** The host's consumer has room again: take held IN packets. */
  usbResume() {
    this.usb.resume();
    this.kick();
  }

  /** A pin's output changed; a change between undriven states (pulls, a peripheral function) is not one. */
  gpioChanged(pin, state) {
    const level = state === GPIOPinState.High ? 1 : state === GPIOPinState.Low ? 0 : -1;
    if (level === -1 && this.gpioLevels[pin] === -1) return;
    this.gpioLevels[pin] = level;
    const event = { pin, level, ns: this.now() };
    this.gpioLog.push(event);
    if (this.gpioLog.length > 100_000) this.gpioLog.splice(0, 50_000);
    this.emit("gpio", event);
  }

  close() {
    this.stop();
    this.store.close();
  }
}

/** Makes a board and starts it running. */
export function startEmulatedBoard(options) {
  const board = new EmulatedBoard(options);
  board.start();
  return board;
}
