// The flash under the module store (store.ts): its geometry, and reads, page
// programs and block erases through the HAL that turn a driver's failure into
// a StoreError (FlashFailed) and remember it, so that the store refuses to
// go on until it is mounted again. Also the store's error type.
import type { i32, u32 } from "../types";
import { flashErase, flashProgram, flashRead } from "../hal";
import { getU32 } from "./store-layout";

const SCRATCH_BYTES: i32 = 256;

export enum StoreErrorCode {
  None = 0,
  /** no free run of blocks is large enough (StoreError.needed / .free say how many bytes) */
  StoreFull = 1,
  /** MAX_MODULES are installed already (MAX_FILES are kept, for saveFile) */
  TooManyModules = 2,
  /** the module could never fit this flash */
  TooLarge = 3,
  /** a name of 0 or more than 32 bytes, caps or args over 128 bytes, a SHA-256 that is not 32 bytes */
  BadMetadata = 4,
  /** no such module (or file) */
  NoSuchModule = 5,
  /** writeChunk / commitInstall without beginInstall */
  NoInstall = 6,
  /** a chunk that starts past the bytes written so far */
  OutOfOrder = 7,
  /** commitInstall before every byte was written */
  Incomplete = 8,
  HashMismatch = 9,
  /** a stored module whose bytes no longer match its SHA-256 */
  Corrupt = 10,
  /** a flash call returned -1 (a driver bug or a dying chip); mount again */
  FlashFailed = 11,
  NotMounted = 12,
  /** the HAL's flash sizes do not suit the store */
  BadGeometry = 13,
}

export class StoreError {
  code: StoreErrorCode = StoreErrorCode.None;
  message: string = "";
  /** StoreFull / TooLarge: the bytes the install needs (header and block rounding included) */
  needed: u32 = 0;
  /** StoreFull / TooLarge: the bytes that are free (all free blocks) */
  free: u32 = 0;

  clear(): void {
    this.code = StoreErrorCode.None;
    this.message = "";
    this.needed = 0;
    this.free = 0;
  }

  /** Records a failure; returns false so that `return err.fail(...)` reads well. */
  fail(code: StoreErrorCode, message: string): boolean {
    this.code = code;
    this.message = message;
    return false;
  }
}

function minU32(a: u32, b: u32): u32 {
  return a < b ? a : b;
}

export class StoreFlash {
  blockSize: u32 = 0;
  pageSize: u32 = 0;
  blockCount: i32 = 0;
  /** a flash call failed since the last mount */
  failed: boolean = false;
  readonly word: Uint8Array = new Uint8Array(4);
  readonly scratch: Uint8Array = new Uint8Array(SCRATCH_BYTES);

  isErased(block: i32, err: StoreError): boolean {
    const base = this.address(block);
    for (let at: u32 = 0; at < this.blockSize; at = (at + SCRATCH_BYTES) >>> 0) {
      if (!this.read((base + at) >>> 0, this.scratch, 0, SCRATCH_BYTES, err)) return false;
      for (let i = 0; i < SCRATCH_BYTES; i++) {
        if (this.scratch[i] !== 0xff) return false;
      }
    }
    return true;
  }
  
  read(address: u32, bytes: Uint8Array, offset: u32, length: u32, err: StoreError): boolean {
    if (flashRead(address, bytes, offset, length) !== 0) return this.flashFailed("read of " + length + " bytes at " + address, err);
    return true;
  }

  readWord(address: u32, err: StoreError): u32 {
    if (!this.read(address, this.word, 0, 4, err)) return 0;
    return getU32(this.word, 0);
  }

  /** Programs bytes[offset .. offset+length) at `address`, one program per page it touches. */
  program(address: u32, bytes: Uint8Array, offset: u32, length: u32, err: StoreError): boolean {
    let at = address;
    let from = offset;
    let left = length;
    while (left > 0) {
      const n = minU32(left, (this.pageSize - ((at % this.pageSize) >>> 0)) >>> 0);
      if (flashProgram(at, bytes, from, n) !== 0) return this.flashFailed("program of " + n + " bytes at " + at, err);
      at = (at + n) >>> 0;
      from = (from + n) >>> 0;
      left = (left - n) >>> 0;
    }
    return true;
  }

  erase(block: i32, err: StoreError): boolean {
    if (flashErase(this.address(block)) !== 0) return this.flashFailed("erase of the block at " + this.address(block), err);
    return true;
  }

  /** The flash address of byte `offset` of block `block`. */
  at(block: i32, offset: i32): u32 {
    return (Math.imul(block, this.blockSize) + offset) >>> 0;
  }

  /** The flash address of block `block` (also: the bytes in `block` blocks). */
  address(block: i32): u32 {
    return Math.imul(block, this.blockSize) >>> 0;
  }

  private flashFailed(what: string, err: StoreError): boolean {
    this.failed = true;
    return err.fail(StoreErrorCode.FlashFailed, "flash " + what + " failed; mount the store again");
  }
}
