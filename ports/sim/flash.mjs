// The simulated flash behind the HAL's hal_flash_* natives (core/hal.ts): NOR
// flash as the module store sees it. Erased bytes are 0xFF; an erase resets one
// block (eraseSize bytes, aligned); a program clears bits inside one page
// (pageSize bytes) and may not set a 0 bit back to 1. A call that breaks these
// rules is a driver bug: it logs and returns -1, changing nothing. No timing:
// every call completes at once.
//
// The image lives in memory; with a file (SimFlash.open) each program and erase
// is written through to it, so the file is always the flash's state (a power
// cut included).
//
// Fault injection for power-loss tests: cutAfter(n, { tornBytes, tornFrom })
// lets n more programs and erases complete, then tears the next one and throws
// a PowerCut. A torn program writes only tornBytes of its bytes (-k: all but
// k); a torn erase resets only tornBytes bytes of the block to 0xFF, the rest
// keeps its old contents. The bytes done are the first ones, or the last ones
// with tornFrom "end" (real chips may leave either). From then on every flash
// call throws PowerCut until powerOn(): the code that was running is dead, as
// on a board that lost power. The simulator catches the PowerCut and boots
// again.
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from "node:fs";

export const ERASE_SIZE = 4096;
export const PAGE_SIZE = 256;

/** Thrown by a flash call when the simulated power is cut (see cutAfter). */
export class PowerCut extends Error {
  constructor(message) {
    super(message);
    this.name = "PowerCut";
  }
}

export class SimFlash {
  /**
   * An in-memory flash of `size` bytes (a multiple of eraseSize), erased
   * (0xFF) unless `image` (a Uint8Array of that size) gives its contents.
   */
  constructor(size, { eraseSize = ERASE_SIZE, pageSize = PAGE_SIZE, image = null, log = (m) => console.error(m) } = {}) {
    if (!(size > 0) || size % eraseSize !== 0 || eraseSize % pageSize !== 0) {
      throw new Error(`flash: size ${size} must be a positive multiple of the erase size ${eraseSize}, itself a multiple of the page size ${pageSize}`);
    }
    this.size = size;
    this.eraseSize = eraseSize;
    this.pageSize = pageSize;
    this.bytes = new Uint8Array(size).fill(0xff);
    if (image) {
      if (image.length !== size) throw new Error(`flash: an image of ${image.length} bytes for a flash of ${size}`);
      this.bytes.set(image);
    }
    this.log = log;
    this.fd = null;
    /** programs and erases done so far (a cut point counts these) */
    this.operations = 0;
    this.programs = 0;
    this.erases = 0;
    /** erases per block (wear) */
    this.wear = new Uint32Array(size / eraseSize);
    this.cut = null;
    this.off = false;
  }

  /**
   * A flash kept in `file`: created erased when missing, read when it exists
   * (it must then be exactly `size` bytes). close() releases the file.
   */
  static open(file, size, options = {}) {
    let image = null;
    const exists = existsSync(file);
    const fd = openSync(file, exists ? "r+" : "w+");
    if (exists) {
      const length = fstatSync(fd).size;
      if (length !== size) {
        closeSync(fd);
        throw new Error(`flash: ${file} has ${length} bytes, not the board's ${size}`);
      }
      image = new Uint8Array(size);
      readSync(fd, image, 0, size, 0);
    }
    const flash = new SimFlash(size, { ...options, image });
    flash.fd = fd;
    if (!exists) writeSync(fd, flash.bytes, 0, size, 0);
    return flash;
  }

  close() {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /**
   * Lets `n` more programs/erases complete, then tears the next one and throws
   * PowerCut: it does `tornBytes` of its bytes (default half; a negative
   * number: all but that many), the first ones or, with tornFrom "end", the
   * last ones.
   */
  cutAfter(n, { tornBytes = null, tornFrom = "start" } = {}) {
    if (tornFrom !== "start" && tornFrom !== "end") throw new Error(`flash: tornFrom is "start" or "end", not ${tornFrom}`);
    this.cut = { at: this.operations + n, tornBytes, fromEnd: tornFrom === "end" };
  }

  /** Power back: flash calls work again (and no cut is pending). */
  powerOn() {
    this.cut = null;
    this.off = false;
  }

  /** A copy of the whole image. */
  snapshot() {
    return this.bytes.slice();
  }

  read(address, bytes, offset, length) {
    this.checkPower();
    if (!this.inRange(address, length) || !this.inRange(offset, length, bytes.length)) {
      return this.fail(`read of ${length} bytes at 0x${address.toString(16)} into a buffer of ${bytes.length} at ${offset}`);
    }
    bytes.set(this.bytes.subarray(address, address + length), offset);
    return 0;
  }

  program(address, bytes, offset, length) {
    this.checkPower();
    if (!this.inRange(address, length) || !this.inRange(offset, length, bytes.length)) {
      return this.fail(`program of ${length} bytes at 0x${address.toString(16)} from a buffer of ${bytes.length} at ${offset}`);
    }
    if (length > 0 && Math.floor(address / this.pageSize) !== Math.floor((address + length - 1) / this.pageSize)) {
      return this.fail(`program of ${length} bytes at 0x${address.toString(16)} crosses a ${this.pageSize}-byte page boundary`);
    }
    for (let i = 0; i < length; i++) {
      const old = this.bytes[address + i];
      const now = bytes[offset + i];
      if ((old & now) !== now) {
        return this.fail(`program at 0x${(address + i).toString(16)} would set bits back to 1 (0x${old.toString(16)} -> 0x${now.toString(16)}): erase first`);
      }
    }
    const { skip, n, torn } = this.tearing(length);
    for (let i = skip; i < skip + n; i++) this.bytes[address + i] &= bytes[offset + i];
    this.programs++;
    this.persist(address + skip, n);
    if (torn) this.powerCut(`program of ${length} bytes at 0x${address.toString(16)} (${n} written)`);
    return 0;
  }

  erase(address) {
    this.checkPower();
    if (!Number.isInteger(address) || address < 0 || address >= this.size || address % this.eraseSize !== 0) {
      return this.fail(`erase at 0x${Number(address).toString(16)}: not the start of a ${this.eraseSize}-byte block of the ${this.size}-byte flash`);
    }
    const { skip, n, torn } = this.tearing(this.eraseSize);
    this.bytes.fill(0xff, address + skip, address + skip + n);
    this.erases++;
    this.wear[address / this.eraseSize]++;
    this.persist(address + skip, n);
    if (torn) this.powerCut(`erase of the block at 0x${address.toString(16)} (${n} bytes erased)`);
    return 0;
  }

  /** Which of the current operation's `length` bytes it does: n of them from `skip`; torn when the power is cut then. */
  tearing(length) {
    const cut = this.cut;
    this.operations++;
    if (cut === null || this.operations - 1 < cut.at) return { skip: 0, n: length, torn: false };
    const wanted = cut.tornBytes === null ? Math.floor(length / 2) : cut.tornBytes < 0 ? length + cut.tornBytes : cut.tornBytes;
    const n = Math.max(0, Math.min(wanted, length));
    return { skip: cut.fromEnd ? length - n : 0, n, torn: true };
  }

  powerCut(what) {
    this.off = true;
    this.cut = null;
    throw new PowerCut(`power cut during the ${what}`);
  }

  checkPower() {
    if (this.off) throw new PowerCut("flash used after a power cut (call powerOn first)");
  }

  inRange(start, length, limit = this.size) {
    return Number.isInteger(start) && Number.isInteger(length) && start >= 0 && length >= 0 && start + length <= limit;
  }

  persist(address, length) {
    if (this.fd !== null && length > 0) writeSync(this.fd, this.bytes, address, length, address);
  }

  fail(message) {
    this.log(`flash: driver error: ${message}`);
    return -1;
  }
}

/** Defines the hal_flash_* natives on globalThis over `flash` (a SimFlash). */
export function installFlash(flash) {
  globalThis.hal_flash_size = () => flash.size;
  globalThis.hal_flash_erase_size = () => flash.eraseSize;
  globalThis.hal_flash_page_size = () => flash.pageSize;
  globalThis.hal_flash_read = (address, bytes, offset, length) => flash.read(address, bytes, offset, length);
  globalThis.hal_flash_program = (address, bytes, offset, length) => flash.program(address, bytes, offset, length);
  globalThis.hal_flash_erase = (address) => flash.erase(address);
}
