// The XIP side of the emulated RP2040's flash: the window 0x10000000..
// 0x13ffffff and XIP_CTRL at 0x14000000, on top of rp2040js (whose XIP
// window is a plain array), with the SSI and IO_QSPI models of ssi.mjs.
//   - An access works only when the SSI is in a working XIP configuration
//     (checked by running that configuration's read through the chip model
//     once per change of the SSI, CS or chip state) and the chip is idle;
//     otherwise it is a fault, as it would crash a real board.
//   - The XIP cache is modelled only for staleness: a read through a cached
//     alias of a line that flash changed since the last FLUSH is reported
//     (real hardware may return the old bytes).
import { FLASH_SIZE } from "./flash-chip.mjs";
import { decode, IoQspi, lanesOf, shiftThrough, Ssi, TMOD_EEPROM, TMOD_RX } from "./ssi.mjs";

/** The fastest SCK each read command allows on a W25Q16JV (03 is the slow one). */
const MAX_SCK_HZ = { 0x03: 50e6 };
const DEFAULT_MAX_SCK_HZ = 133e6;

const hex = (n, width = 8) => `0x${(n >>> 0).toString(16).padStart(width, "0")}`;

/**
 * Runs one XIP read of 4 bytes at flash offset `offset` through `chip` with
 * the SSI's configuration; returns the word read, or the reason no word comes.
 */
function xipTransaction(ssi, chip, offset) {
  const cfg = decode(ssi);
  const lanes = lanesOf(cfg.frameFormat);
  if (lanes === 0) return { error: "CTRLR0.SPI_FRF is the reserved value 3" };
  if (cfg.frameFormat === 0 ? cfg.tmod !== TMOD_EEPROM : cfg.tmod !== TMOD_RX && cfg.tmod !== TMOD_EEPROM) {
    return { error: `CTRLR0.TMOD is ${cfg.tmod}, not a read mode XIP can use (3 = EEPROM read${cfg.frameFormat ? ", 2 = RX only" : ""})` };
  }
  if (cfg.frameBits !== 32) return { error: `XIP reads 32-bit frames; CTRLR0.DFS_32 gives ${cfg.frameBits}-bit ones` };
  if (cfg.instructionBits !== 0 && cfg.instructionBits !== 8) return { error: `SPI_CTRLR0.INST_L gives a ${cfg.instructionBits}-bit instruction` };
  if (cfg.addressBits % 8 !== 0 || cfg.addressBits < 24) return { error: `SPI_CTRLR0.ADDR_L gives a ${cfg.addressBits}-bit address phase` };
  const instructionLanes = cfg.frameFormat === 0 || cfg.transType !== 2 ? 1 : lanes;
  const addressLanes = cfg.frameFormat === 0 || cfg.transType === 0 ? 1 : lanes;
  // with no instruction, XIP_CMD goes out after the address (mode bits for continuous reads)
  const extra = cfg.addressBits - 24;
  let address = offset * 2 ** extra;
  if (cfg.instructionBits === 0 && extra >= 8) address += cfg.xipCommand * 2 ** (extra - 8);
  chip.select();
  if (cfg.instructionBits === 8) chip.exchange(cfg.xipCommand, instructionLanes);
  shiftThrough(chip, address, cfg.addressBits, addressLanes);
  if (cfg.frameFormat !== 0 && cfg.waitCycles > 0) chip.idle(cfg.waitCycles);
  // the first 32-bit frame is enough to judge (NDF > 0 reads on from there)
  const word = shiftThrough(chip, 0, 32, lanes) >>> 0;
  chip.deselect();
  return { word };
}

export class Xip {
  /**
   * rp2040: the RP2040 whose XIP window this is; chip, ssi: the models;
   * problem(message), fault(message): a reported problem, a fatal one.
   */
  constructor(rp2040, chip, { problem, fault }) {
    this.rp2040 = rp2040;
    this.chip = chip;
    this.ssi = null;
    this.problem = problem;
    this.fault = fault;
    this.bytes = chip.bytes;
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    /** null: not known yet; "": XIP works; otherwise why it does not */
    this.verdict = null;
    this.cacheEnabled = true;
    this.cachedLines = new Uint8Array(FLASH_SIZE / 8);
    this.stale = new Map();
    this.reportedStale = new Set();
    this.counts = { flushes: 0 };
  }

  attach(ssi) {
    this.ssi = ssi;
  }

  invalidate() {
    this.verdict = null;
  }

  /** Before the chip changes bytes: lines the cache may hold keep their old bytes. */
  beforeChange(offset, length) {
    for (let line = offset >>> 3, end = (offset + length + 7) >>> 3; line < end; line++) {
      if (this.cachedLines[line] && !this.stale.has(line)) this.stale.set(line, this.bytes.slice(line * 8, line * 8 + 8));
    }
    this.invalidate();
  }

  /** Why an XIP access cannot work now ("" when it can). */
  check() {
    const chip = this.chip;
    if (chip.powerLost) return "the flash has no power";
    if (chip.now() < chip.busyUntil) return "the flash is busy (WIP=1: an erase or program is running)";
    if (this.verdict === null) this.verdict = this.judge();
    return this.verdict;
  }

  judge() {
    const ssi = this.ssi;
    if (!ssi.ssienr) return "the SSI is disabled (SSIENR=0)";
    if (ssi.csOverride !== 0) return `CS is overridden by IO_QSPI (SS OUTOVER=${ssi.csOverride})`;
    if (ssi.busy || ssi.csAsserted) return "a direct-mode SSI transfer is in progress";
    if (this.chip.poweredDown) return "the flash is powered down (B9)";
    const cfg = decode(ssi);
    const sck = ssi.sckNanos();
    if (sck === 0) return "BAUDR is 0 (SCK off)";
    const command = cfg.instructionBits === 8 ? cfg.xipCommand : this.chip.continuousCommand;
    const limit = MAX_SCK_HZ[command] ?? DEFAULT_MAX_SCK_HZ;
    const hz = 1e9 / sck;
    if (hz > limit) return `SCK is ${(hz / 1e6).toFixed(1)} MHz, above the W25Q16JV's ${limit / 1e6} MHz for command 0x${(command ?? 0).toString(16)}`;
    // two reads in a row, through a copy of the chip: both must return the flash's bytes
    const probe = this.chip.probeCopy();
    const chipSays = [];
    probe.problem = (message) => chipSays.push(message);
    for (const offset of [0x100, FLASH_SIZE - 8]) {
      const result = xipTransaction(ssi, probe, offset);
      if (result.error) return result.error;
      const expected = this.view.getUint32(offset, false);
      if (result.word !== expected) {
        const why = chipSays.length > 0 ? `: ${chipSays[0]}` : "";
        return `an XIP read with this SSI configuration (CTRLR0=${hex(ssi.ctrlr0)} SPI_CTRLR0=${hex(ssi.spiCtrlr0)}) returns wrong data${why}`;
      }
    }
    // the chip is left as XIP leaves it (e.g. in continuous read mode)
    this.chip.continuousRead = probe.continuousRead;
    this.chip.continuousCommand = probe.continuousCommand;
    return "";
  }

  /** A read of `size` bytes at an address in 0x10000000..0x13ffffff (the hot path: every fetch from flash). */
  read(address, size) {
    const chip = this.chip;
    if (this.verdict !== "" || chip.busyUntil !== 0 || chip.powerLost) {
      if (chip.busyUntil !== 0 && chip.now() >= chip.busyUntil) chip.busyUntil = 0;
      const why = this.check();
      if (why !== "") {
        this.fault(`XIP read at ${hex(address)} while ${why}`);
        return size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
      }
    }
    const alias = (address >>> 24) & 3;
    const offset = address & (FLASH_SIZE - 1);
    const line = offset >>> 3;
    if (this.cacheEnabled) {
      if (alias <= 1 && this.stale.size > 0 && this.stale.has(line)) return this.staleRead(address, offset, size);
      if (alias === 0 || alias === 2) this.cachedLines[line] = 1;
    }
    if (size === 4) return this.view.getUint32(offset, true);
    if (size === 2) return this.view.getUint16(offset, true);
    return this.bytes[offset];
  }

  staleRead(address, offset, size) {
    const line = offset >>> 3;
    if (!this.reportedStale.has(line)) {
      this.reportedStale.add(line);
      this.problem(`XIP: read at ${hex(address)} through the cache after the flash there changed, without an XIP_CTRL FLUSH since (a real RP2040 may return the old bytes)`);
    }
    const old = this.stale.get(line);
    const view = new DataView(old.buffer);
    const at = offset & 7;
    if (size === 4) return view.getUint32(at & 4, true);
    if (size === 2) return view.getUint16(at & 6, true);
    return old[at];
  }

  write(address) {
    this.problem(`write to the XIP window at ${hex(address)} (flash is written through the SSI, not by stores)`);
  }

  // ---- XIP_CTRL at 0x14000000 ----
  readControl(address) {
    switch (address - 0x14000000) {
      case 0x00:
        return (this.cacheEnabled ? 1 : 0) | 2;
      case 0x04:
        return 0;
      case 0x08:
        return 0x3; // FLUSH_READY | FIFO_EMPTY
      default:
        return 0;
    }
  }

  writeControl(address, value) {
    switch (address - 0x14000000) {
      case 0x00:
        this.cacheEnabled = (value & 1) !== 0;
        return;
      case 0x04:
        if (value & 1) this.flush();
        return;
      default:
        if (address >= 0x15000000) this.problem(`write to the XIP cache as SRAM (${hex(address)}) is not modelled`);
    }
  }

  flush() {
    this.cachedLines.fill(0);
    this.stale.clear();
    this.reportedStale.clear();
    this.counts.flushes++;
  }
}

/**
 * Puts the models into an RP2040: the SSI and IO_QSPI peripherals, and the
 * XIP window behind the memory accessors (rp2040js reads flash straight
 * from an array otherwise).
 */
export function installQspi(rp2040, chip, { problem, fault }) {
  const xip = new Xip(rp2040, chip, { problem, fault });
  const ssi = new Ssi(rp2040, "SSI", chip, { problem, changed: () => xip.invalidate() });
  xip.attach(ssi);
  rp2040.peripherals[0x18000] = ssi;
  rp2040.peripherals[0x40018] = new IoQspi(rp2040, "IO_QSPI", (override) => ssi.overrideCs(override));
  rp2040.flash = chip.bytes;
  rp2040.flashView = xip.view;

  const read32 = rp2040.readUint32.bind(rp2040);
  const read16 = rp2040.readUint16.bind(rp2040);
  const read8 = rp2040.readUint8.bind(rp2040);
  const write32 = rp2040.writeUint32.bind(rp2040);
  rp2040.readUint32 = (address) => {
    const region = address >>> 26;
    if (region === 4) return xip.read(address & ~3, 4);
    if (region === 5) return xip.readControl(address >>> 0);
    return read32(address);
  };
  rp2040.readUint16 = (address) => {
    if (address >>> 26 === 4) return xip.read(address & ~1, 2);
    return read16(address);
  };
  rp2040.readUint8 = (address) => {
    if (address >>> 26 === 4) return xip.read(address, 1);
    return read8(address);
  };
  rp2040.writeUint32 = (address, value) => {
    const region = address >>> 26;
    if (region === 4) return xip.write(address >>> 0);
    if (region === 5) return xip.writeControl(address >>> 0, value);
    return write32(address, value);
  };
  return { ssi, xip };
}
