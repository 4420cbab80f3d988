// The RP2040's QSPI side for the emulated board, on top of rp2040js (whose
// SSI only stores its registers and whose XIP window is a plain array):
//
//   - Ssi: the DW_apb_ssi at 0x18000000 as the flash driver and boot2 use it
//     in direct mode: 16-entry TX and RX FIFOs, frames that take
//     frame bits * BAUDR / clk_sys of emulated time each, TMOD tx+rx / tx /
//     rx / EEPROM-read, standard and dual/quad (SPI_CTRLR0) frame formats. It
//     drives the flash chip's CS while its TX FIFO has data (SER set), unless
//     IO_QSPI overrides CS.
//   - IoQspi: IO_QSPI at 0x40018000, for the SS pad's OUTOVER (drive CS low /
//     high / normal), which is how flash drivers frame a command.
//   - Xip: the XIP window 0x10000000..0x13ffffff and XIP_CTRL at 0x14000000.
//     An access works only when the SSI is in a working XIP configuration
//     (checked by running that configuration's read through the chip model
//     once per change of the SSI, CS or chip state) and the chip is idle;
//     otherwise it is a fault, as it would crash a real board. The XIP cache
//     is modelled only for staleness: a read through a cached alias of a line
//     that flash changed since the last FLUSH is reported (real hardware may
//     return the old bytes).
import { BasePeripheral } from "rp2040js";
import { FLASH_SIZE } from "./flash-chip.mjs";

const FIFO_DEPTH = 16;

// SSI register offsets (RP2040 datasheet 4.10.13)
const CTRLR0 = 0x00;
const CTRLR1 = 0x04;
const SSIENR = 0x08;
const MWCR = 0x0c;
const SER = 0x10;
const BAUDR = 0x14;
const TXFTLR = 0x18;
const RXFTLR = 0x1c;
const TXFLR = 0x20;
const RXFLR = 0x24;
const SR = 0x28;
const IMR = 0x2c;
const ISR = 0x30;
const RISR = 0x34;
const TXOICR = 0x38;
const RXOICR = 0x3c;
const RXUICR = 0x40;
const MSTICR = 0x44;
const ICR = 0x48;
const DMACR = 0x4c;
const DMATDLR = 0x50;
const DMARDLR = 0x54;
const IDR = 0x58;
const SSI_VERSION_ID = 0x5c;
const DR0 = 0x60;
const RX_SAMPLE_DLY = 0xf0;
const SPI_CTRLR0 = 0xf4;
const TXD_DRIVE_EDGE = 0xf8;

const SR_BUSY = 1 << 0;
const SR_TFNF = 1 << 1;
const SR_TFE = 1 << 2;
const SR_RFNE = 1 << 3;
const SR_RFF = 1 << 4;
const RIS_TXO = 1 << 1;
const RIS_RXU = 1 << 2;
const RIS_RXO = 1 << 3;

const TMOD_TX_RX = 0;
const TMOD_TX = 1;
const TMOD_RX = 2;
const TMOD_EEPROM = 3;

/** Registers that the SSI takes only while SSIENR = 0. */
const CONFIG_REGISTERS = new Set([CTRLR0, CTRLR1, BAUDR, SPI_CTRLR0]);

/** The fastest SCK each read command allows on a W25Q16JV (03 is the slow one). */
const MAX_SCK_HZ = { 0x03: 50e6 };
const DEFAULT_MAX_SCK_HZ = 133e6;

const hex = (n, width = 8) => `0x${(n >>> 0).toString(16).padStart(width, "0")}`;

/** The SSI's configuration as fields. */
function decode(ssi) {
  const c0 = ssi.ctrlr0;
  const s0 = ssi.spiCtrlr0;
  return {
    tmod: (c0 >>> 8) & 3,
    frameBits: ((c0 >>> 16) & 0x1f) + 1,
    frameFormat: (c0 >>> 21) & 3,
    ssToggle: (c0 >>> 24) & 1,
    ndf: ssi.ctrlr1 & 0xffff,
    transType: s0 & 3,
    addressBits: ((s0 >>> 2) & 0xf) * 4,
    instructionBits: [0, 4, 8, 16][(s0 >>> 8) & 3],
    waitCycles: (s0 >>> 11) & 0x1f,
    xipCommand: (s0 >>> 24) & 0xff,
  };
}

const lanesOf = (frameFormat) => [1, 2, 4, 0][frameFormat];

/** Shifts a value of `bits` bits (a multiple of 8) through the chip, MSB first; returns what came back. */
function shiftThrough(chip, value, bits, lanes) {
  let back = 0;
  for (let shift = bits - 8; shift >= 0; shift -= 8) {
    const byte = chip.exchange(Math.floor(value / 2 ** shift) & 0xff, lanes);
    back = back * 256 + byte;
  }
  return back >>> 0;
}

export class IoQspi extends BasePeripheral {
  constructor(rp2040, name, onCsOverride) {
    super(rp2040, name);
    this.ctrl = new Uint32Array(6);
    this.onCsOverride = onCsOverride;
  }
  readUint32(offset) {
    if (offset < 0x30) {
      const pin = offset >>> 3;
      if (offset & 4) return this.ctrl[pin];
      return 0;
    }
    return 0;
  }
  writeUint32(offset, value) {
    if (offset < 0x30 && offset & 4) {
      const pin = offset >>> 3;
      this.ctrl[pin] = value;
      if (pin === 1) this.onCsOverride((value >>> 8) & 3);
    }
  }
}

export class Ssi extends BasePeripheral {
  /**
   * chip: the flash chip (flash-chip.mjs); problem(message): a reported
   * problem; changed(): the XIP verdict may have changed.
   */
  constructor(rp2040, name, chip, { problem, changed }) {
    super(rp2040, name);
    this.chip = chip;
    this.problem = problem;
    this.changed = changed;
    // as the boot ROM leaves it after loading boot2: standard-SPI 03h XIP reads
    this.ctrlr0 = 0x001f0300;
    this.ctrlr1 = 0;
    this.ssienr = 1;
    this.ser = 1;
    this.baudr = 4;
    this.spiCtrlr0 = 0x03000218;
    this.other = new Map();
    this.tx = [];
    this.rx = [];
    this.risr = 0;
    this.imr = 0;
    /** a frame is on the wire */
    this.shifting = false;
    /** frames still to receive in an RX-only or EEPROM-read transfer */
    this.rxLeft = 0;
    /** the enhanced-mode transfer in progress (instruction and address sent) */
    this.enhanced = null;
    /** CS as the SSI drives it (asserted during a transfer) */
    this.driving = false;
    /** IO_QSPI SS OUTOVER: 0 normal, 1 inverted, 2 low (asserted), 3 high */
    this.csOverride = 0;
    this.csAsserted = false;
    this.alarm = rp2040.clock.createAlarm(() => this.frameDone());
    this.pending = null;
  }

  get busy() {
    return this.shifting || this.tx.length > 0 || this.rxLeft > 0 || this.enhanced !== null;
  }

  readUint32(offset) {
    switch (offset) {
      case CTRLR0:
        return this.ctrlr0;
      case CTRLR1:
        return this.ctrlr1;
      case SSIENR:
        return this.ssienr;
      case SER:
        return this.ser;
      case BAUDR:
        return this.baudr;
      case TXFLR:
        return this.tx.length;
      case RXFLR:
        return this.rx.length;
      case SR:
        return (
          (this.busy ? SR_BUSY : 0) |
          (this.tx.length < FIFO_DEPTH ? SR_TFNF : 0) |
          (this.tx.length === 0 ? SR_TFE : 0) |
          (this.rx.length > 0 ? SR_RFNE : 0) |
          (this.rx.length === FIFO_DEPTH ? SR_RFF : 0)
        );
      case IMR:
        return this.imr;
      case ISR:
        return this.risr & this.imr;
      case RISR:
        return this.risr;
      case TXOICR:
        return this.clearInterrupt(RIS_TXO);
      case RXOICR:
        return this.clearInterrupt(RIS_RXO);
      case RXUICR:
        return this.clearInterrupt(RIS_RXU);
      case MSTICR:
        return 0;
      case ICR:
        return this.clearInterrupt(RIS_TXO | RIS_RXO | RIS_RXU);
      case IDR:
        return 0x51535049;
      case SSI_VERSION_ID:
        return 0x3430312a;
      case DR0: {
        if (this.rx.length === 0) {
          this.risr |= RIS_RXU;
          this.problem("SSI: DR0 read with the RX FIFO empty (RXUIR): the value is garbage");
          return 0;
        }
        const value = this.rx.shift();
        // a transfer that waited for room in the RX FIFO goes on
        this.start();
        return value;
      }
      case SPI_CTRLR0:
        return this.spiCtrlr0;
      default:
        return this.other.get(offset) ?? 0;
    }
  }

  clearInterrupt(bits) {
    const was = this.risr & bits ? 1 : 0;
    this.risr &= ~bits;
    return was;
  }

  writeUint32(offset, value) {
    value >>>= 0;
    if (CONFIG_REGISTERS.has(offset) && this.ssienr) {
      this.problem(`SSI: register ${hex(offset, 2)} written while SSIENR=1 (the SSI ignores it)`);
      return;
    }
    switch (offset) {
      case CTRLR0:
        this.ctrlr0 = value;
        break;
      case CTRLR1:
        this.ctrlr1 = value & 0xffff;
        break;
      case SSIENR:
        this.ssienr = value & 1;
        if (!this.ssienr) this.halt();
        break;
      case SER:
        this.ser = value & 1;
        break;
      case BAUDR:
        this.baudr = value & 0xffff;
        break;
      case IMR:
        this.imr = value & 0x3f;
        break;
      case SPI_CTRLR0:
        this.spiCtrlr0 = value;
        break;
      case DR0:
        this.push(value);
        return;
      case MWCR:
      case TXFTLR:
      case RXFTLR:
      case DMACR:
      case DMATDLR:
      case DMARDLR:
      case RX_SAMPLE_DLY:
      case TXD_DRIVE_EDGE:
        this.other.set(offset, value);
        break;
      default:
        this.problem(`SSI: write to unknown register ${hex(offset, 2)}`);
        return;
    }
    this.changed();
  }

  /** SSIENR = 0: FIFOs cleared, the transfer stops, CS released. */
  halt() {
    this.alarm.cancel();
    this.tx.length = 0;
    this.rx.length = 0;
    this.shifting = false;
    this.rxLeft = 0;
    this.enhanced = null;
    this.setDriving(false);
  }

  overrideCs(override) {
    this.csOverride = override;
    this.updateCs();
    this.changed();
  }

  setDriving(driving) {
    this.driving = driving;
    this.updateCs();
  }

  updateCs() {
    const byOverride = [this.driving && this.ser === 1, !(this.driving && this.ser === 1), true, false][this.csOverride];
    if (byOverride === this.csAsserted) return;
    this.csAsserted = byOverride;
    if (byOverride) this.chip.select();
    else this.chip.deselect();
    this.changed();
  }

  push(value) {
    if (!this.ssienr) {
      this.problem("SSI: DR0 written while SSIENR=0 (the SSI drops it)");
      return;
    }
    if (this.tx.length >= FIFO_DEPTH) {
      this.risr |= RIS_TXO;
      this.problem("SSI: DR0 written with the TX FIFO full (TXOIR): the word is lost");
      return;
    }
    this.tx.push(value);
    this.start();
  }

  /** ns per SCK cycle, or 0 when the SSI's clock is off. */
  sckNanos() {
    const divider = this.baudr & 0xfffe;
    if (divider === 0) return 0;
    return (divider * 1e9) / this.rp2040.clkSys;
  }

  /** Starts the next frame when one is due and none is on the wire. */
  start() {
    if (this.shifting || !this.ssienr) return;
    const cfg = decode(this);
    const sck = this.sckNanos();
    if (sck === 0) {
      if (this.tx.length > 0) this.problem("SSI: BAUDR is 0, so SCK is off: nothing is sent");
      return;
    }
    if (cfg.frameFormat !== 0) return this.startEnhanced(cfg, sck);
    if (cfg.frameBits % 8 !== 0) {
      this.problem(`SSI: ${cfg.frameBits}-bit frames are not modelled (multiples of 8 are)`);
      this.tx.length = 0;
      return;
    }
    let work = null;
    if (this.rxLeft > 0) {
      if (this.rx.length >= FIFO_DEPTH) return; // the SSI master waits for room (it stalls SCK)
      work = { kind: "receive", bits: cfg.frameBits, lanes: 1 };
    } else if (this.tx.length > 0) {
      work = { kind: "send", bits: cfg.frameBits, lanes: 1 };
    }
    if (work === null) {
      this.setDriving(false);
      return;
    }
    this.setDriving(true);
    this.shifting = true;
    this.pending = work;
    this.alarm.schedule((work.bits / work.lanes) * sck);
  }

  /** A standard-SPI frame has been clocked: exchange it with the chip. */
  frameDone() {
    this.shifting = false;
    const work = this.pending;
    this.pending = null;
    if (work === null) return;
    if (work.kind === "enhanced") {
      this.finishEnhanced(work);
      return this.afterFrame();
    }
    const cfg = decode(this);
    if (work.kind === "receive") {
      const value = this.csAsserted ? shiftThrough(this.chip, 0, work.bits, 1) : 0xffffffff;
      this.receive(value, work.bits);
      this.rxLeft--;
      return this.afterFrame();
    }
    const out = this.tx.shift();
    if (cfg.tmod === TMOD_RX) {
      // an RX-only transfer starts with a dummy word; nothing is sent
      this.rxLeft = cfg.ndf + 1;
      return this.afterFrame();
    }
    const back = this.csAsserted ? shiftThrough(this.chip, out, work.bits, 1) : 0xffffffff;
    if (cfg.tmod === TMOD_TX_RX) this.receive(back, work.bits);
    if (cfg.tmod === TMOD_EEPROM && this.tx.length === 0) this.rxLeft = cfg.ndf + 1;
    this.afterFrame();
  }

  receive(value, bits) {
    const masked = bits >= 32 ? value >>> 0 : value & (2 ** bits - 1);
    if (this.rx.length >= FIFO_DEPTH) {
      this.risr |= RIS_RXO;
      this.problem("SSI: RX FIFO overflow (RXOIR): a received frame is lost");
      return;
    }
    this.rx.push(masked);
  }

  afterFrame() {
    const cfg = decode(this);
    if (cfg.ssToggle && this.tx.length > 0 && this.rxLeft === 0) {
      // SSTE: CS goes high between frames
      this.setDriving(false);
    }
    if (this.tx.length > 0 || this.rxLeft > 0 || this.enhanced !== null) this.start();
    else this.setDriving(false);
  }

  // ---- dual / quad (enhanced SPI) direct transfers ----

  startEnhanced(cfg, sck) {
    const lanes = lanesOf(cfg.frameFormat);
    if (lanes === 0 || (cfg.tmod !== TMOD_TX && cfg.tmod !== TMOD_RX)) {
      this.problem(`SSI: frame format ${cfg.frameFormat} with TMOD ${cfg.tmod} is not a valid enhanced-SPI transfer`);
      this.tx.length = 0;
      return;
    }
    if (this.enhanced === null) {
      const header = (cfg.instructionBits > 0 ? 1 : 0) + (cfg.addressBits > 0 ? 1 : 0);
      if (this.tx.length < Math.max(1, header)) return;
      const instruction = cfg.instructionBits > 0 ? this.tx.shift() : null;
      const address = cfg.addressBits > 0 ? this.tx.shift() : null;
      this.enhanced = { instruction, address, headerSent: false, dataLeft: cfg.tmod === TMOD_RX ? cfg.ndf + 1 : 0 };
    }
    const e = this.enhanced;
    let bits = 0;
    if (!e.headerSent) {
      const instructionLanes = cfg.transType === 2 ? lanes : 1;
      const addressLanes = cfg.transType === 0 ? 1 : lanes;
      bits = cfg.instructionBits / instructionLanes + cfg.addressBits / addressLanes + cfg.waitCycles;
    } else if (e.dataLeft > 0) {
      if (this.rx.length >= FIFO_DEPTH) return;
      bits = cfg.frameBits / lanes;
    } else if (this.tx.length > 0) {
      bits = cfg.frameBits / lanes;
    } else {
      this.enhanced = null;
      this.setDriving(false);
      return;
    }
    this.setDriving(true);
    this.shifting = true;
    this.pending = { kind: "enhanced" };
    this.alarm.schedule(Math.max(1, bits) * sck);
  }

  finishEnhanced() {
    const cfg = decode(this);
    const lanes = lanesOf(cfg.frameFormat);
    const e = this.enhanced;
    if (e === null) return;
    const chip = this.csAsserted ? this.chip : null;
    if (!e.headerSent) {
      if (cfg.instructionBits % 8 !== 0 || cfg.addressBits % 8 !== 0 || cfg.frameBits % 8 !== 0) {
        this.problem("SSI: enhanced-SPI instruction/address/frame lengths that are not whole bytes are not modelled");
      }
      if (chip) {
        if (e.instruction !== null) shiftThrough(chip, e.instruction, cfg.instructionBits, cfg.transType === 2 ? lanes : 1);
        if (e.address !== null) shiftThrough(chip, e.address, cfg.addressBits, cfg.transType === 0 ? 1 : lanes);
        if (cfg.waitCycles > 0) chip.idle(cfg.waitCycles);
      }
      e.headerSent = true;
      return;
    }
    if (e.dataLeft > 0) {
      this.receive(chip ? shiftThrough(chip, 0, cfg.frameBits, lanes) : 0xffffffff, cfg.frameBits);
      e.dataLeft--;
      if (e.dataLeft === 0 && this.tx.length === 0) this.enhanced = null;
      return;
    }
    const out = this.tx.shift();
    if (chip) shiftThrough(chip, out, cfg.frameBits, lanes);
    if (this.tx.length === 0) this.enhanced = null;
  }
}

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
