// The contents of the emulated board's flash chip: the whole 2 MB array and
// the chip's non-volatile status bits, in memory and, when a file is given,
// written through to it after every program and erase (so the file is the
// chip's state at any instant, a power cut included). The file is the raw
// flash image (offset 0 = 0x10000000); the status registers go to
// `<file>.status` (3 bytes), made when a status write first changes them.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from "node:fs";

/** Status registers 1..3 of a chip as it leaves the factory (QE = 0, output drive 25 %). */
const FACTORY_STATUS = [0x00, 0x00, 0x60];

export class FlashStore {
  /** An erased store of `size` bytes (contents `image`, when given), in memory only. */
  constructor(size, { image = null, status = FACTORY_STATUS } = {}) {
    this.bytes = new Uint8Array(size).fill(0xff);
    if (image) this.bytes.set(image.subarray(0, size));
    this.status = Uint8Array.from(status);
    this.fd = null;
    this.file = null;
  }

  /**
   * The store kept in `file`: created erased when missing; when it exists it
   * must be exactly `size` bytes.
   */
  static open(file, size) {
    const exists = existsSync(file);
    const fd = openSync(file, exists ? "r+" : "w+");
    const store = new FlashStore(size);
    if (exists) {
      const length = fstatSync(fd).size;
      if (length !== size) {
        closeSync(fd);
        throw new Error(`flash file ${file} has ${length} bytes, not the chip's ${size}`);
      }
      readSync(fd, store.bytes, 0, size, 0);
    } else {
      writeSync(fd, store.bytes, 0, size, 0);
    }
    const statusFile = `${file}.status`;
    if (existsSync(statusFile)) {
      const saved = readFileSync(statusFile);
      if (saved.length === 3) store.status.set(saved);
    }
    store.fd = fd;
    store.file = file;
    return store;
  }

  /** Bytes [offset, offset + length) changed: write them through. */
  changed(offset, length) {
    if (this.fd !== null) writeSync(this.fd, this.bytes, offset, length, offset);
  }

  saveStatus(status) {
    this.status.set(status);
    if (this.file !== null) writeFileSync(`${this.file}.status`, this.status);
  }

  /**
   * Puts a firmware image in as a programmer would: erases every 4 KB sector
   * that one of `segments` ({ offset, bytes }) touches, then writes them. The
   * rest of the flash is kept.
   */
  load(segments) {
    const sector = 4096;
    for (const { offset, bytes } of segments) {
      if (offset < 0 || offset + bytes.length > this.bytes.length) {
        throw new Error(`image segment at flash offset 0x${offset.toString(16)} (${bytes.length} bytes) is outside the ${this.bytes.length}-byte flash`);
      }
      const start = offset - (offset % sector);
      const end = Math.ceil((offset + bytes.length) / sector) * sector;
      this.bytes.fill(0xff, start, end);
    }
    for (const { offset, bytes } of segments) this.bytes.set(bytes, offset);
    for (const { offset, bytes } of segments) {
      const start = offset - (offset % sector);
      this.changed(start, Math.ceil((offset + bytes.length) / sector) * sector - start);
    }
  }

  close() {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
