// The RP2040's SSI (the DW_apb_ssi at 0x18000000, the QSPI flash
// controller) and IO_QSPI's chip-select override, for the emulated board
// (qspi.mjs puts them in). rp2040js's own SSI only stores its registers;
// this one moves bytes through the flash chip model (flash-chip.mjs) as the
// flash driver and boot2 use it in direct mode: 16-entry TX and RX FIFOs,
// frames that take frame bits * BAUDR / clk_sys of emulated time each, TMOD
// tx+rx / tx / rx / EEPROM-read, standard and dual/quad (SPI_CTRLR0) frame
// formats. It drives the chip's CS while its TX FIFO has data (SER set),
// unless IO_QSPI's SS OUTOVER forces CS low or high, which is how flash
// drivers frame a command.
import { BasePeripheral } from "rp2040js";

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
export const TMOD_RX = 2;
export const TMOD_EEPROM = 3;

/** Registers that the SSI takes only while SSIENR = 0. */
const CONFIG_REGISTERS = new Set([CTRLR0, CTRLR1, BAUDR, SPI_CTRLR0]);

const hex = (n, width = 8) => `0x${(n >>> 0).toString(16).padStart(width, "0")}`;

/** The SSI's configuration as fields. */
export function decode(ssi) {
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

export const lanesOf = (frameFormat) => [1, 2, 4, 0][frameFormat];

/** Shifts a value of `bits` bits (a multiple of 8) through the chip, MSB first; returns what came back. */
export function shiftThrough(chip, value, bits, lanes) {
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
