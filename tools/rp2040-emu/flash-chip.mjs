// A Winbond W25Q16JV (2 MB serial NOR flash, the chip on a Raspberry Pi Pico)
// modelled by its bus protocol, for the emulated RP2040 board: the SSI model
// (qspi.mjs) selects it, clocks bytes through it and deselects it, as the
// real QSPI bus does. What the datasheet says a command needs is what it
// needs here:
//   - erase (20 / 52 / D8 / C7 / 60), program (02 / 32) and status writes
//     (01 / 31 / 11) need WEL (06 write enable) and run only when CS rises
//     right after their last byte; WEL clears when they end;
//   - an erase sets bytes to FF; a program only clears bits (AND), and its
//     address wraps inside the 256-byte page;
//   - while busy (status-1 bit 0, WIP, for the datasheet's typical time of the
//     operation, in emulated time) every command except the status reads is
//     ignored;
//   - reads 03 / 0B / 3B / 6B / BB / EB with their dummy cycles and lane
//     widths, quad ones only with QE (status-2 bit 1); BB / EB with mode bits
//     1 0 in M5-4 enter continuous read mode (the next command is an address);
//   - 9F JEDEC id EF 40 15, 90 / AB ids, 4B unique id, B9 / AB power down and
//     release, 66 + 99 reset, 50 volatile status write enable.
// Anything a real chip would silently ignore or garble (a command while busy,
// a program without WEL, the wrong number of lanes or dummy cycles) is
// reported through `problem(message)`: the firmware would misbehave on a
// board.
//
// Contents live in a FlashStore (flash-store.mjs): a Uint8Array, written
// through to a file when there is one, so the file is always the chip's state.
// Power-cut injection: cutPowerDuringNextProgram(n) lets the next page program
// write only its first n bytes, then calls onPowerCut() and stops answering
// (the board lost power mid-operation).

export const FLASH_SIZE = 2 * 1024 * 1024;
export const PAGE_SIZE = 256;
export const SECTOR_SIZE = 4096;
export const JEDEC_ID = [0xef, 0x40, 0x15];

/** W25Q16JV typical times, in ns (datasheet, AC electrical characteristics). */
export const TYPICAL_TIMES = {
  pageProgram: 400_000,
  sectorErase: 45_000_000,
  blockErase32: 120_000_000,
  blockErase64: 150_000_000,
  chipErase: 5_000_000_000,
  writeStatus: 10_000_000,
  reset: 30_000,
};

const STATUS1_WIP = 0x01;
const STATUS1_WEL = 0x02;
const STATUS2_QE = 0x02;

/** What a command's bytes after the instruction are, by instruction. */
const READS = {
  // instruction: [address lanes, dummy cycles after the address (mode bits included), data lanes, needs QE, has mode byte]
  0x03: { addressLanes: 1, dummyCycles: 0, dataLanes: 1, quad: false, mode: false },
  0x0b: { addressLanes: 1, dummyCycles: 8, dataLanes: 1, quad: false, mode: false },
  0x3b: { addressLanes: 1, dummyCycles: 8, dataLanes: 2, quad: false, mode: false },
  0x6b: { addressLanes: 1, dummyCycles: 8, dataLanes: 4, quad: true, mode: false },
  0xbb: { addressLanes: 2, dummyCycles: 0, dataLanes: 2, quad: false, mode: true },
  0xeb: { addressLanes: 4, dummyCycles: 4, dataLanes: 4, quad: true, mode: true },
};

const hex = (n, width = 2) => `0x${n.toString(16).padStart(width, "0")}`;

export class W25Q16JV {
  /**
   * store: a FlashStore of FLASH_SIZE bytes. Options: now() (emulated time
   * in ns), times (busy times, default TYPICAL_TIMES; scale them for tests),
   * problem(message), beforeChange(offset, length) (called before bytes
   * change: the XIP cache model saves what it may still hold), uniqueId
   * (8 bytes).
   */
  constructor(store, { now = () => 0, times = TYPICAL_TIMES, problem = () => {}, beforeChange = () => {}, uniqueId = null } = {}) {
    if (store.bytes.length !== FLASH_SIZE) throw new Error(`W25Q16JV: a store of ${store.bytes.length} bytes, not ${FLASH_SIZE}`);
    this.store = store;
    this.bytes = store.bytes;
    this.now = now;
    this.times = times;
    this.problem = problem;
    this.beforeChange = beforeChange;
    this.uniqueId = uniqueId ?? Uint8Array.of(0xe6, 0x60, 0x58, 0x38, 0x83, 0x4b, 0x20, 0x2e);
    /** non-volatile status bits live in the store (status-2 QE, status-3 drive strength) */
    this.status2 = store.status[1];
    this.status3 = store.status[2];
    this.status1 = store.status[0] & ~(STATUS1_WIP | STATUS1_WEL);
    this.busyUntil = 0;
    this.selected = false;
    this.poweredDown = false;
    this.powerLost = false;
    this.continuousRead = false;
    this.resetEnabled = false;
    this.volatileStatusWrite = false;
    this.cut = null;
    this.onPowerCut = () => {};
    this.counts = { erases: 0, programs: 0, reads: 0 };
    this.transaction = null;
  }

  get busy() {
    return this.now() < this.busyUntil;
  }

  /** status register 1 as a read returns it */
  get status1Value() {
    return this.status1 | (this.busy ? STATUS1_WIP : 0);
  }

  get quadEnabled() {
    return (this.status2 & STATUS2_QE) !== 0;
  }

  /** A copy sharing the contents, for probing a read without side effects (the XIP check). */
  probeCopy() {
    const copy = Object.create(W25Q16JV.prototype);
    Object.assign(copy, this);
    copy.problem = () => {};
    copy.counts = { ...this.counts };
    copy.transaction = null;
    copy.selected = false;
    return copy;
  }

  /**
   * The next page program writes only its first `bytes` bytes, then the
   * power is gone: onPowerCut() is called and the chip answers nothing more.
   */
  cutPowerDuringNextProgram(bytes) {
    this.cut = { bytes };
  }

  // ---- the bus ----------------------------------------------------------

  /** CS falls: a new command starts. */
  select() {
    if (this.selected) return;
    this.selected = true;
    this.transaction = {
      command: -1,
      bytes: 0,
      address: 0,
      addressBytes: 0,
      dummyLeft: 0,
      data: [],
      garbled: null,
      ignored: false,
      continuous: this.continuousRead,
      spec: null,
      mode: 0,
    };
    if (this.continuousRead) {
      // continuous read mode: no instruction, the address comes first
      this.transaction.command = this.continuousCommand;
      this.transaction.spec = READS[this.continuousCommand];
      this.transaction.dummyLeft = this.transaction.spec.dummyCycles;
    }
  }

  /** CS rises: a write, erase or status command takes effect now. */
  deselect() {
    if (!this.selected) return;
    this.selected = false;
    const t = this.transaction;
    this.transaction = null;
    if (this.powerLost || t === null || t.command < 0 || t.ignored) return;
    this.finish(t);
  }

  /** Dummy clocks with no data (the SSI's wait cycles). */
  idle(cycles) {
    const t = this.transaction;
    if (!this.selected || t === null || this.powerLost) return;
    if (t.spec !== null && t.addressBytes === 3 + (t.spec.mode ? 1 : 0)) {
      t.dummyLeft -= cycles;
      if (t.dummyLeft < 0) this.garble(t, `${-t.dummyLeft} dummy cycles too many after command ${hex(t.command)}'s address`);
    } else if (t.command === 0x4b || t.command === 0xab || t.command === 0x5a) {
      t.bytes += cycles / 8;
    } else {
      this.garble(t, `${cycles} dummy cycles where command ${hex(Math.max(0, t.command))} expects none`);
    }
  }

  /**
   * One byte on the bus: `out` is what the host drives on `lanes` lines
   * (1, 2 or 4); returns what the chip drives (on 1 line: full duplex; on 2
   * or 4 the host is reading and `out` does not matter).
   */
  exchange(out, lanes = 1) {
    if (!this.selected || this.powerLost) return 0xff;
    const t = this.transaction;
    const index = t.bytes++;
    if (t.ignored) return 0xff;
    if (this.poweredDown && !(index === 0 && out === 0xab) && t.command !== 0xab) {
      t.ignored = true;
      this.problem(`flash: command ${hex(out)} while the chip is powered down (B9): only AB wakes it`);
      return 0xff;
    }
    if (t.command < 0) return this.instruction(t, out, lanes);
    if (t.spec !== null) return this.readByte(t, out, lanes);
    return this.commandByte(t, index, out, lanes);
  }

  // ---- command decoding ------------------------------------------------

  instruction(t, command, lanes) {
    if (lanes !== 1) {
      this.garble(t, `instruction ${hex(command)} sent on ${lanes} lines (the W25Q16JV takes instructions on 1 line)`);
      t.ignored = true;
      return 0xff;
    }
    t.command = command;
    const statusRead = command === 0x05 || command === 0x35 || command === 0x15;
    if (this.busy && !statusRead) {
      t.ignored = true;
      this.problem(`flash: command ${hex(command)} while busy (WIP=1): a W25Q16JV ignores it`);
      return 0xff;
    }
    // 99 resets only right after 66
    if (command !== 0x99 && command !== 0x66) this.resetEnabled = false;
    const spec = READS[command];
    if (spec) {
      if (spec.quad && !this.quadEnabled) {
        t.ignored = true;
        this.problem(`flash: ${hex(command)} is a quad read but QE (status-2 bit 1) is 0: the chip's IO2/IO3 are WP/HOLD`);
        return 0xff;
      }
      t.spec = spec;
      t.dummyLeft = spec.dummyCycles;
      this.counts.reads++;
      return 0xff;
    }
    switch (command) {
      case 0x06: case 0x04: case 0x50: case 0x05: case 0x35: case 0x15: case 0x01: case 0x31: case 0x11:
      case 0x02: case 0x32: case 0x20: case 0x52: case 0xd8: case 0xc7: case 0x60: case 0x9f: case 0x90:
      case 0xab: case 0xb9: case 0x4b: case 0x66: case 0x99: case 0x5a:
        return 0xff;
      case 0xff:
        // the continuous-read reset the ROM and boot2s send: harmless outside that mode
        t.ignored = true;
        return 0xff;
      default:
        t.ignored = true;
        this.problem(`flash: command ${hex(command)} is not one the W25Q16JV model knows (ignored)`);
        return 0xff;
    }
  }

  /** The bytes of the non-read commands after their instruction. */
  commandByte(t, index, out, lanes) {
    const c = t.command;
    if (lanes !== 1 && !(c === 0x32 && index >= 4)) {
      this.garble(t, `command ${hex(c)} byte ${index} on ${lanes} lines`);
      return 0xff;
    }
    switch (c) {
      case 0x05:
        return this.status1Value;
      case 0x35:
        return this.status2;
      case 0x15:
        return this.status3;
      case 0x9f:
        return index <= 3 ? JEDEC_ID[index - 1] : 0xff;
      case 0x90:
        if (index <= 3) return 0xff;
        return (index - 4) % 2 === 0 ? JEDEC_ID[0] : 0x14;
      case 0xab:
        return index >= 4 ? 0x14 : 0xff;
      case 0x4b:
        if (index < 5) return 0xff;
        return index - 5 < 8 ? this.uniqueId[index - 5] : 0xff;
      case 0x5a:
        return 0xff;
      case 0x02:
      case 0x32:
      case 0x20:
      case 0x52:
      case 0xd8:
        if (index <= 3) {
          t.address = (t.address << 8) | out;
          t.addressBytes++;
        } else if (c === 0x02 || c === 0x32) {
          if (c === 0x32 && lanes !== 4) this.garble(t, `quad page program data on ${lanes} lines`);
          t.data.push(out);
        }
        return 0xff;
      case 0x01:
      case 0x31:
      case 0x11:
        t.data.push(out);
        return 0xff;
      default:
        return 0xff;
    }
  }

  /** Address, mode, dummy and data bytes of a read. */
  readByte(t, out, lanes) {
    const spec = t.spec;
    const addressPart = 3 + (spec.mode ? 1 : 0);
    if (t.addressBytes < addressPart) {
      if (lanes !== spec.addressLanes) this.garble(t, `command ${hex(t.command)}'s address sent on ${lanes} lines, the chip reads it on ${spec.addressLanes}`);
      if (t.addressBytes < 3) t.address = ((t.address << 8) | out) & 0xffffff;
      else t.mode = out;
      t.addressBytes++;
      return 0xff;
    }
    if (t.dummyLeft > 0) {
      t.dummyLeft -= 8 / lanes;
      if (t.dummyLeft < 0) this.garble(t, `command ${hex(t.command)}: the dummy cycles end inside a byte`);
      return 0xff;
    }
    if (lanes !== spec.dataLanes) this.garble(t, `command ${hex(t.command)}'s data read on ${lanes} lines, the chip drives ${spec.dataLanes}`);
    const value = this.bytes[t.address % FLASH_SIZE];
    t.address = (t.address + 1) & 0xffffff;
    // a garbled read still clocks: the host gets wrong bits
    return t.garbled === null ? value : value ^ 0xa5;
  }

  garble(t, why) {
    if (t.garbled === null) {
      t.garbled = why;
      this.problem(`flash: ${why}`);
    }
  }

  // ---- CS rises ---------------------------------------------------------

  finish(t) {
    const c = t.command;
    const exactly = (n) => {
      if (t.bytes === n) return true;
      this.problem(`flash: command ${hex(c)} ended after ${t.bytes} bytes, not ${n}: the W25Q16JV does not run it`);
      return false;
    };
    const needWel = () => {
      if (this.status1 & STATUS1_WEL) return true;
      this.problem(`flash: command ${hex(c)} without write enable (06): ignored`);
      return false;
    };
    if (t.spec !== null) {
      if (t.spec.mode && t.addressBytes === 4) {
        const keep = (t.mode & 0x30) === 0x20;
        this.continuousRead = keep;
        this.continuousCommand = keep ? t.command : undefined;
      }
      return;
    }
    switch (c) {
      case 0x06:
        if (exactly(1)) this.status1 |= STATUS1_WEL;
        return;
      case 0x04:
        if (exactly(1)) this.status1 &= ~STATUS1_WEL;
        return;
      case 0x50:
        if (exactly(1)) this.volatileStatusWrite = true;
        return;
      case 0x66:
        if (exactly(1)) this.resetEnabled = true;
        return;
      case 0x99:
        if (exactly(1) && this.resetEnabled) this.softReset();
        return;
      case 0xb9:
        if (exactly(1)) this.poweredDown = true;
        return;
      case 0xab:
        this.poweredDown = false;
        return;
      case 0x01:
      case 0x31:
      case 0x11:
        this.writeStatus(c, t.data);
        return;
      case 0x20:
      case 0x52:
      case 0xd8: {
        if (!exactly(4) || !needWel()) return;
        const size = c === 0x20 ? SECTOR_SIZE : c === 0x52 ? 32 * 1024 : 64 * 1024;
        const time = c === 0x20 ? this.times.sectorErase : c === 0x52 ? this.times.blockErase32 : this.times.blockErase64;
        this.erase((t.address & 0xffffff) % FLASH_SIZE & ~(size - 1), size, time);
        return;
      }
      case 0xc7:
      case 0x60:
        if (exactly(1) && needWel()) this.erase(0, FLASH_SIZE, this.times.chipErase);
        return;
      case 0x02:
      case 0x32:
        if (t.bytes < 5) {
          this.problem(`flash: page program ended after ${t.bytes} bytes (no data): ignored`);
          return;
        }
        if (needWel()) this.program(t.address % FLASH_SIZE, t.data);
        return;
      default:
        return;
    }
  }

  softReset() {
    this.status1 &= ~STATUS1_WEL;
    this.continuousRead = false;
    this.volatileStatusWrite = false;
    this.resetEnabled = false;
    this.busyUntil = this.now() + this.times.reset;
  }

  writeStatus(command, data) {
    const volatile = this.volatileStatusWrite;
    if (!volatile && !(this.status1 & STATUS1_WEL)) {
      this.problem(`flash: status write ${hex(command)} without write enable (06 or 50): ignored`);
      return;
    }
    if (data.length === 0) {
      this.problem(`flash: status write ${hex(command)} with no data: ignored`);
      return;
    }
    if (command === 0x01) {
      this.status1 = (this.status1 & (STATUS1_WIP | STATUS1_WEL)) | (data[0] & 0xfc);
      if (data.length > 1) this.status2 = data[1] & 0x7b;
    } else if (command === 0x31) {
      this.status2 = data[0] & 0x7b;
    } else {
      this.status3 = data[0] & 0x64;
    }
    this.volatileStatusWrite = false;
    this.status1 &= ~STATUS1_WEL;
    if (!volatile) {
      this.store.saveStatus([this.status1 & 0xfc, this.status2, this.status3]);
      this.busyUntil = this.now() + this.times.writeStatus;
    }
  }

  erase(offset, size, time) {
    this.beforeChange(offset, size);
    this.bytes.fill(0xff, offset, offset + size);
    this.store.changed(offset, size);
    this.counts.erases++;
    this.status1 &= ~STATUS1_WEL;
    this.busyUntil = this.now() + time;
  }

  /** Page program: the address wraps inside its page; more than 256 bytes keep the last 256. */
  program(address, data) {
    const page = address & ~(PAGE_SIZE - 1);
    let column = address & (PAGE_SIZE - 1);
    const skip = Math.max(0, data.length - PAGE_SIZE);
    if (skip > 0) column = (column + skip) & (PAGE_SIZE - 1);
    let count = data.length - skip;
    let cut = false;
    if (this.cut !== null) {
      count = Math.min(count, this.cut.bytes);
      this.cut = null;
      cut = true;
    }
    this.beforeChange(page, PAGE_SIZE);
    for (let i = 0; i < count; i++) {
      const at = page + ((column + i) & (PAGE_SIZE - 1));
      this.bytes[at] &= data[skip + i];
    }
    this.store.changed(page, PAGE_SIZE);
    this.counts.programs++;
    this.status1 &= ~STATUS1_WEL;
    this.busyUntil = this.now() + this.times.pageProgram;
    if (cut) {
      this.powerLost = true;
      this.onPowerCut();
    }
  }
}
