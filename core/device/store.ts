// The module store: WebAssembly modules kept in the HAL flash with their
// metadata, installed and removed atomically, surviving resets and power cuts;
// and the files of the modules' folders, each saved whole and atomically the
// same way (saveFile, removeFile, removeFolder; core/device/folder.ts).
// The bytes on flash, the order of writes and why a power cut at any point is
// harmless: store-layout.ts.
//
// Use: `const s = new ModuleStore(); s.mount(err)` at boot (it repairs what a
// power cut left), then list()/find()/readModule() to run modules, and
// beginInstall -> writeChunk... -> commitInstall to install one as its bytes
// arrive (no RAM for the whole module). Errors are values: every call that can
// fail takes a StoreError, clears it, and on failure fills it and returns
// false / null / -1.
//
// A store owns its objects (module slots, buffers), allocated once by the
// constructor and reused: mount, install and remove allocate nothing but
// error messages.
//
// (Past 800 lines on purpose: one class, because every operation here keeps
// the same invariants of store-layout.ts; the flash access and the error type
// are in store-flash.ts, free-space search in store-space.ts.)
import type { i32, u32 } from "../types";

export { StoreError, StoreErrorCode };
import { sameBytes } from "../text";
import { flashEraseSize, flashPageSize, flashSize } from "../hal";
import { StoreError, StoreErrorCode, StoreFlash } from "./store-flash";
import { Sha256 } from "../protocol/sha256";
import { bestFit, freeBlocks, largestRun, lowestFitBelow } from "./store-space";
import {
  BODY_BYTES,
  COMMIT_MARK,
  ERASED_WORD,
  HEADER_BYTES,
  MAGIC,
  MAX_ARGS,
  MAX_CAPS,
  MAX_NAME,
  OFF_ARGS,
  OFF_ARGS_LENGTH,
  OFF_CAPS,
  OFF_CAPS_LENGTH,
  OFF_COMMIT,
  OFF_DEAD,
  OFF_FLAGS,
  OFF_MAGIC,
  OFF_NAME,
  OFF_NAME_LENGTH,
  OFF_SEQ,
  OFF_SHA256,
  OFF_SIZE,
  OFF_TOGGLES,
  SHA256_BYTES,
  TOGGLE_BITS,
  TOGGLE_BYTES,
  FLAG_AUTOSTART,
  FLAG_FILE,
  MAX_PATH,
  countToggles,
  encodeHeaderBody,
  extentBlocks,
  getU32,
  headerBodyValid,
  putU32,
} from "./store-layout";

/** At most this many modules are installed at once. */
export const MAX_MODULES: i32 = 16;
/** At most this many files are kept, in all the modules' folders together. */
export const MAX_FILES: i32 = 24;
/** entry slots: the installed modules and files, a replacing install's new copy, a file save's and a relocation's */
const SLOTS: i32 = MAX_MODULES + MAX_FILES + 3;
const SCRATCH_BYTES: i32 = 256;

/** What an install stores besides the bytes. */
export class ModuleMeta {
  name: Uint8Array;
  sha256: Uint8Array;
  caps: Uint8Array;
  args: Uint8Array;
  autostart: boolean;
  constructor(name: Uint8Array, sha256: Uint8Array, caps: Uint8Array, args: Uint8Array, autostart: boolean) {
    this.name = name;
    this.sha256 = sha256;
    this.caps = caps;
    this.args = args;
    this.autostart = autostart;
  }
}

/** An installed module (or the one being installed), or a file of a module's folder, as the store keeps it in RAM. */
export class StoredModule {
  /** a file of the folder of the module `name`, whose path is in args */
  isFile: boolean = false;
  nameBytes: Uint8Array = new Uint8Array(MAX_NAME);
  nameLength: i32 = 0;
  capsBytes: Uint8Array = new Uint8Array(MAX_CAPS);
  capsLength: i32 = 0;
  argsBytes: Uint8Array = new Uint8Array(MAX_ARGS);
  argsLength: i32 = 0;
  sha256: Uint8Array = new Uint8Array(SHA256_BYTES);
  size: u32 = 0;
  autostart: boolean = false;
  /** the install counter when this copy was written */
  seq: u32 = 0;
  /** the extent: its first block and its length in blocks */
  block: i32 = 0;
  blocks: i32 = 0;
  /** autostart as it was installed, and how many toggle bits have been used since */
  installedAutostart: boolean = false;
  toggles: i32 = 0;
  inUse: boolean = false;

  name(): Uint8Array {
    return this.nameBytes.subarray(0, this.nameLength);
  }
  caps(): Uint8Array {
    return this.capsBytes.subarray(0, this.capsLength);
  }
  args(): Uint8Array {
    return this.argsBytes.subarray(0, this.argsLength);
  }
  /** A file's path in its folder. */
  path(): Uint8Array {
    return this.args();
  }

  setMeta(name: Uint8Array, sha256: Uint8Array, caps: Uint8Array, args: Uint8Array): void {
    this.nameBytes.fill(0);
    this.nameBytes.set(name);
    this.nameLength = name.length;
    this.capsBytes.fill(0);
    this.capsBytes.set(caps);
    this.capsLength = caps.length;
    this.argsBytes.fill(0);
    this.argsBytes.set(args);
    this.argsLength = args.length;
    this.sha256.set(sha256.subarray(0, SHA256_BYTES));
  }
}

/** An install in progress: module bytes [0, written) are on flash. */
export class PendingInstall {
  active: boolean = false;
  /** the module being written (its extent is reserved, its header body programmed) */
  module: StoredModule = new StoredModule();
  written: u32 = 0;
  /** how many blocks of the extent, from its first, are erased (data blocks are erased as data reaches them) */
  erasedBlocks: i32 = 0;
}

function minU32(a: u32, b: u32): u32 {
  return a < b ? a : b;
}

export class ModuleStore {
  mounted: boolean = false;
  /** the flash under the store: its geometry, reads, page programs and block erases */
  readonly flash: StoreFlash = new StoreFlash();
  /** the seq the next extent gets */
  nextSeq: u32 = 1;
  /** per block: 1 when it lies inside the extent of a valid header (a module's, or a pending install's) */
  used: Uint8Array = new Uint8Array(0);
  /** the installed modules, in flash address order */
  modules: StoredModule[] = [];
  /** the files of the modules' folders, in flash address order */
  files: StoredModule[] = [];
  /** removed modules that mount found with their blocks not yet erased: their folders go first (remove) */
  removed: StoredModule[] = [];
  slots: StoredModule[] = [];
  /** the install that beginInstall started */
  upload: PendingInstall = new PendingInstall();
  /** a module being copied to a new extent (autostart toggles used up, compaction) */
  copy: PendingInstall = new PendingInstall();
  /** a file being saved */
  save: PendingInstall = new PendingInstall();
  /** committed modules that mount found beyond the slots (from a store with a higher MAX_MODULES): kept, not listed */
  unlisted: i32 = 0;
  /** what the last mount repaired: dead or unfinished extents collected, superseded copies killed */
  repaired: i32 = 0;
  header: Uint8Array = new Uint8Array(BODY_BYTES);
  scratch: Uint8Array = new Uint8Array(SCRATCH_BYTES);
  word: Uint8Array = new Uint8Array(4);
  hash: Sha256 = new Sha256();
  digest: Uint8Array = new Uint8Array(SHA256_BYTES);

  constructor() {
    for (let i = 0; i < SLOTS; i++) {
      this.slots.push(new StoredModule());
      this.modules.push(this.slots[i]);
      this.files.push(this.slots[i]);
      this.removed.push(this.slots[i]);
    }
    // the lists' storage now has room for every slot: later pushes never allocate
    while (this.modules.length > 0) this.modules.pop();
    while (this.files.length > 0) this.files.pop();
    while (this.removed.length > 0) this.removed.pop();
  }

  /** Mounted, and no flash call has failed since. */
  ready(): boolean {
    return this.mounted && !this.flash.failed;
  }

  // ---- mounting ----------------------------------------------------------------

  /**
   * Reads the store from flash and repairs it: a copy that a newer one of the
   * same name superseded is killed, dead and unfinished extents are erased. An
   * install in progress before the mount is discarded.
   */
  mount(err: StoreError): boolean {
    err.clear();
    this.mounted = false;
    this.flash.failed = false;
    const size = flashSize();
    const blockSize = flashEraseSize();
    const pageSize = flashPageSize();
    if (pageSize < 4 || pageSize % 4 !== 0 || blockSize < HEADER_BYTES || blockSize % pageSize !== 0 || size < blockSize || size % blockSize !== 0) {
      return err.fail(StoreErrorCode.BadGeometry, "flash of " + size + " bytes, erase size " + blockSize + ", page size " + pageSize + ": the store needs blocks of at least " + HEADER_BYTES + " bytes made of pages of a multiple of 4 bytes");
    }
    this.flash.blockSize = blockSize;
    this.flash.pageSize = pageSize;
    this.flash.blockCount = (size / blockSize) | 0;
    if (this.used.length !== this.flash.blockCount) this.used = new Uint8Array(this.flash.blockCount);
    this.used.fill(0);
    while (this.modules.length > 0) this.modules.pop();
    while (this.files.length > 0) this.files.pop();
    while (this.removed.length > 0) this.removed.pop();
    for (const s of this.slots) s.inUse = false;
    this.upload.active = false;
    this.copy.active = false;
    this.save.active = false;
    this.unlisted = 0;
    this.repaired = 0;
    let maxSeq: u32 = 0;
    let b = 0;
    while (b < this.flash.blockCount) {
      const base = this.flash.address(b);
      if (!this.flash.read(base, this.word, 0, 4, err)) return false;
      if (getU32(this.word, 0) !== MAGIC) {
        b++;
        continue;
      }
      if (!this.flash.read(base, this.header, 0, BODY_BYTES, err)) return false;
      if (!headerBodyValid(this.header, b, this.flash.blockCount, blockSize)) {
        b++;
        continue;
      }
      const blocks = extentBlocks(getU32(this.header, OFF_SIZE), blockSize);
      const seq = getU32(this.header, OFF_SEQ);
      if (seq > maxSeq) maxSeq = seq;
      this.used.fill(1, b, b + blocks);
      const committed = this.flash.readWord(this.flash.at(b, OFF_COMMIT), err) === COMMIT_MARK;
      const live = committed && this.flash.readWord(this.flash.at(b, OFF_DEAD), err) === ERASED_WORD;
      if (err.code !== StoreErrorCode.None) return false;
      // a module that was removed or replaced: kept until every file is known (its folder may have to go)
      const removed = !live && committed && (this.header[OFF_FLAGS] & FLAG_FILE) === 0 ? this.takeSlot() : null;
      if (removed !== null) {
        this.repaired++;
        if (!this.loadModule(removed, b, err)) return false;
        this.removed.push(removed);
      } else if (!live) {
        this.repaired++;
        if (!this.collect(b, blocks, err)) return false;
      } else {
        const isFile = (this.header[OFF_FLAGS] & FLAG_FILE) !== 0;
        const list = isFile ? this.files : this.modules;
        const m = list.length < (isFile ? MAX_FILES : MAX_MODULES) ? this.takeSlot() : null;
        if (m === null) {
          this.unlisted++;
        } else if (!this.loadModule(m, b, err)) {
          return false;
        } else {
          list.push(m);
        }
      }
      b = (b + blocks) | 0;
    }
    this.nextSeq = (maxSeq + 1) >>> 0;
    // two live copies of one entry: an install, a save or a copy was cut between its commit and the old copy's death
    if (!this.killSuperseded(this.modules, err) || !this.killSuperseded(this.files, err)) return false;
    // a remove cut short: the folder of a module that has no live copy goes, then the module's blocks
    while (this.removed.length > 0) {
      const m = this.removed.pop()!;
      if (this.find(m.name()) === null && !this.dropFolder(m.name(), err)) return false;
      m.inUse = false;
      if (!this.collect(m.block, m.blocks, err)) return false;
    }
    this.mounted = true;
    return true;
  }

  /** Of two entries of `list` with the same name (and path), kills the older. */
  private killSuperseded(list: StoredModule[], err: StoreError): boolean {
    for (let i = 0; i < list.length; i++) {
      for (let j = (i + 1) | 0; j < list.length; j++) {
        const a = list[i];
        const c = list[j];
        if (sameEntry(a, c)) {
          this.repaired++;
          if (!this.kill(a.seq < c.seq ? a : c, err)) return false;
          i = -1;
          break;
        }
      }
    }
    return true;
  }

  /** Fills slot m from the header in this.header of the extent at `block` (and its toggle bits from flash). */
  private loadModule(m: StoredModule, block: i32, err: StoreError): boolean {
    const h = this.header;
    m.setMeta(
      h.subarray(OFF_NAME, OFF_NAME + h[OFF_NAME_LENGTH]),
      h.subarray(OFF_SHA256, OFF_SHA256 + SHA256_BYTES),
      h.subarray(OFF_CAPS, OFF_CAPS + h[OFF_CAPS_LENGTH]),
      h.subarray(OFF_ARGS, OFF_ARGS + h[OFF_ARGS_LENGTH]),
    );
    m.size = getU32(h, OFF_SIZE);
    m.seq = getU32(h, OFF_SEQ);
    m.block = block;
    m.blocks = extentBlocks(m.size, this.flash.blockSize);
    m.installedAutostart = (h[OFF_FLAGS] & FLAG_AUTOSTART) !== 0;
    m.isFile = (h[OFF_FLAGS] & FLAG_FILE) !== 0;
    if (!this.flash.read(this.flash.at(block, OFF_TOGGLES), this.scratch, 0, TOGGLE_BYTES, err)) return false;
    m.toggles = countToggles(this.scratch);
    m.autostart = m.installedAutostart !== ((m.toggles & 1) === 1);
    return true;
  }

  // ---- reading -----------------------------------------------------------------

  /** The installed modules in flash address order (the store's own array: do not change it). */
  list(): StoredModule[] {
    return this.modules;
  }

  find(name: Uint8Array): StoredModule | null {
    for (const m of this.modules) {
      if (sameBytes(m.name(), name)) return m;
    }
    return null;
  }

  /** The file at `path` in the folder of module `owner`, or null. */
  findFile(owner: Uint8Array, path: Uint8Array): StoredModule | null {
    for (const f of this.files) {
      if (sameBytes(f.name(), owner) && sameBytes(f.path(), path)) return f;
    }
    return null;
  }

  /** The files of the folder of module `owner`, counted, and their bytes (`bytes` true). */
  folderUsage(owner: Uint8Array, bytes: boolean): u32 {
    let n: u32 = 0;
    for (const f of this.files) {
      if (sameBytes(f.name(), owner)) n = (n + (bytes ? f.size : 1)) >>> 0;
    }
    return n;
  }

  /** The index-th file (from 0, in flash order) of the folder of module `owner`, or null past the last. */
  fileAt(owner: Uint8Array, index: i32): StoredModule | null {
    let k = 0;
    for (const f of this.files) {
      if (!sameBytes(f.name(), owner)) continue;
      if (k === index) return f;
      k++;
    }
    return null;
  }

  /** The flash address of a module's first byte (for a port that executes from flash). */
  dataAddress(m: StoredModule): u32 {
    return (this.flash.address(m.block) + HEADER_BYTES) >>> 0;
  }

  /** Reads module bytes [offset, offset+length) into dest[destOffset ..), unchecked. */
  readRange(m: StoredModule, offset: u32, dest: Uint8Array, destOffset: u32, length: u32, err: StoreError): boolean {
    err.clear();
    if (offset + length > m.size) return err.fail(StoreErrorCode.BadMetadata, "read past the module's " + m.size + " bytes");
    return this.flash.read((this.dataAddress(m) + offset) >>> 0, dest, destOffset, length, err);
  }

  /** Reads the whole module into dest[0 .. m.size) and checks its SHA-256 (Corrupt when it differs). */
  readModule(m: StoredModule, dest: Uint8Array, err: StoreError): boolean {
    err.clear();
    if (dest.length < m.size) return err.fail(StoreErrorCode.BadMetadata, "a buffer of " + dest.length + " bytes for a module of " + m.size);
    if (!this.flash.read(this.dataAddress(m), dest, 0, m.size, err)) return false;
    this.hash.reset();
    this.hash.update(dest, 0, m.size | 0);
    this.hash.digest(this.digest, 0);
    if (!sameBytes(this.digest, m.sha256)) return err.fail(StoreErrorCode.Corrupt, "the stored module's bytes no longer match its SHA-256");
    return true;
  }

  /** Whether the entry's bytes on flash still match its SHA-256 (Corrupt when not), read in small pieces. */
  verify(m: StoredModule, err: StoreError): boolean {
    err.clear();
    if (!this.hashMatches(m, err)) {
      if (err.code === StoreErrorCode.None) err.fail(StoreErrorCode.Corrupt, "the stored bytes no longer match their SHA-256");
      return false;
    }
    return true;
  }

  /** Hashes the entry's bytes from flash and compares with its SHA-256 (false with err clear: they differ). */
  private hashMatches(m: StoredModule, err: StoreError): boolean {
    const data = this.dataAddress(m);
    this.hash.reset();
    let done: u32 = 0;
    while (done < m.size) {
      const n = minU32(SCRATCH_BYTES, (m.size - done) >>> 0);
      if (!this.flash.read((data + done) >>> 0, this.scratch, 0, n, err)) return false;
      this.hash.update(this.scratch, 0, n | 0);
      done = (done + n) >>> 0;
    }
    this.hash.digest(this.digest, 0);
    return sameBytes(this.digest, m.sha256);
  }

  // ---- space -------------------------------------------------------------------

  /** Bytes in free blocks. */
  freeBytes(): u32 {
    return this.flash.address(freeBlocks(this.used));
  }

  /** The flash the store manages. */
  totalBytes(): u32 {
    return this.flash.address(this.flash.blockCount);
  }

  /** The largest module an install could take now without moving others (0 when none fits). */
  largestInstall(): u32 {
    const run = largestRun(this.used);
    return run === 0 ? 0 : (this.flash.address(run) - HEADER_BYTES) >>> 0;
  }

  /**
   * Finds `blocks` free consecutive blocks, moving installed modules towards the
   * start of the flash when the free blocks are enough but scattered (each move
   * is a power-safe copy). -1 when there is not room.
   */
  private allocate(blocks: i32, err: StoreError): i32 {
    let at = bestFit(this.used, blocks);
    let moves = 0;
    while (at < 0 && this.freeBytes() >= this.flash.address(blocks) && moves < SLOTS) {
      let moved = false;
      for (let k = 0; k < this.modules.length + this.files.length && !moved; k++) {
        const m = k < this.modules.length ? this.modules[k] : this.files[k - this.modules.length];
        const to = lowestFitBelow(this.used, m.blocks, m.block);
        if (to >= 0) {
          if (!this.relocate(m, to, m.autostart, err)) return -2;
          moved = true;
        }
      }
      if (!moved) break;
      moves++;
      at = bestFit(this.used, blocks);
    }
    return at;
  }

  private takeSlot(): StoredModule | null {
    for (const s of this.slots) {
      if (!s.inUse) {
        s.inUse = true;
        return s;
      }
    }
    return null;
  }

  // ---- installing --------------------------------------------------------------

  /**
   * Starts installing a module of `size` bytes: reserves its extent and writes
   * its header (not yet committed). A module of the same name stays installed
   * until commitInstall replaces it. If the install in progress has the same
   * metadata and size, it is returned as it is (resume from its `written`);
   * any other install in progress is abandoned.
   */
  beginInstall(meta: ModuleMeta, size: u32, err: StoreError): PendingInstall | null {
    err.clear();
    if (!this.ready()) {
      err.fail(StoreErrorCode.NotMounted, "the store is not mounted");
      return null;
    }
    if (meta.name.length < 1 || meta.name.length > MAX_NAME) {
      err.fail(StoreErrorCode.BadMetadata, "a module name has 1 to " + MAX_NAME + " bytes, not " + meta.name.length);
      return null;
    }
    if (meta.caps.length > MAX_CAPS || meta.args.length > MAX_ARGS) {
      err.fail(StoreErrorCode.BadMetadata, "capabilities and arguments have at most " + MAX_CAPS + " bytes each (got " + meta.caps.length + " and " + meta.args.length + ")");
      return null;
    }
    if (meta.sha256.length !== SHA256_BYTES) {
      err.fail(StoreErrorCode.BadMetadata, "a SHA-256 has 32 bytes, not " + meta.sha256.length);
      return null;
    }
    const p = this.upload;
    if (p.active) {
      const m = p.module;
      if (m.size === size && m.installedAutostart === meta.autostart && sameBytes(m.name(), meta.name) && sameBytes(m.sha256, meta.sha256) && sameBytes(m.caps(), meta.caps) && sameBytes(m.args(), meta.args)) {
        return p;
      }
      if (!this.abortInstall(err)) return null;
    }
    if (this.find(meta.name) === null && this.modules.length >= MAX_MODULES) {
      err.fail(StoreErrorCode.TooManyModules, "the store holds " + MAX_MODULES + " modules already; remove one first");
      return null;
    }
    const blocks = extentBlocks(size, this.flash.blockSize);
    if (blocks > this.flash.blockCount) {
      err.fail(StoreErrorCode.TooLarge, "a module of " + size + " bytes needs " + this.flash.address(blocks) + " bytes of flash; the store has " + this.totalBytes());
      err.needed = this.flash.address(blocks);
      err.free = this.freeBytes();
      return null;
    }
    const at = this.allocate(blocks, err);
    if (at === -2) return null;
    if (at < 0) {
      const free = this.freeBytes();
      err.fail(StoreErrorCode.StoreFull, "store full: the module needs " + this.flash.address(blocks) + " bytes of flash, " + free + " are free (" + this.largestInstall() + " bytes for one module)");
      err.needed = this.flash.address(blocks);
      err.free = free;
      return null;
    }
    const m = this.takeSlot();
    if (m === null) throw new Error("store: no free module slot");
    m.setMeta(meta.name, meta.sha256, meta.caps, meta.args);
    m.isFile = false;
    m.size = size;
    m.installedAutostart = meta.autostart;
    m.autostart = meta.autostart;
    if (!this.startExtent(p, m, at, err)) return null;
    return p;
  }

  /** The install in progress, or null. */
  pendingInstall(): PendingInstall | null {
    return this.upload.active ? this.upload : null;
  }

  /**
   * Writes module bytes [offset, offset+length) from bytes[from ..). The bytes
   * before `offset` must be written already; bytes that are (a chunk sent
   * again) are skipped. Returns how many bytes from the start are written
   * now, or -1.
   */
  writeChunk(offset: u32, bytes: Uint8Array, from: u32, length: u32, err: StoreError): i32 {
    err.clear();
    const p = this.upload;
    if (!p.active) {
      err.fail(StoreErrorCode.NoInstall, "no install in progress");
      return -1;
    }
    if (offset > p.written) {
      err.fail(StoreErrorCode.OutOfOrder, "a chunk at offset " + offset + " while " + p.written + " bytes are written");
      return -1;
    }
    if (offset + length > p.module.size) {
      err.fail(StoreErrorCode.OutOfOrder, "a chunk that ends at " + (offset + length) + ", past the module's " + p.module.size + " bytes");
      return -1;
    }
    const skip = p.written - offset;
    if (skip >= length) return p.written | 0;
    if (!this.writeData(p, bytes, (from + skip) >>> 0, (length - skip) >>> 0, err)) return -1;
    return p.written | 0;
  }

  /**
   * Finishes the install: reads the module back from flash, checks its
   * SHA-256 against `sha256` (and the one given at beginInstall), then commits
   * it, and kills the copy it replaces. On HashMismatch the install is
   * abandoned. Returns the installed module.
   */
  commitInstall(sha256: Uint8Array, err: StoreError): StoredModule | null {
    err.clear();
    const p = this.upload;
    if (!p.active) {
      err.fail(StoreErrorCode.NoInstall, "no install in progress");
      return null;
    }
    if (p.written !== p.module.size) {
      err.fail(StoreErrorCode.Incomplete, p.written + " of the module's " + p.module.size + " bytes are written");
      return null;
    }
    if (!sameBytes(sha256, p.module.sha256)) {
      this.abortInstall(err);
      err.fail(StoreErrorCode.HashMismatch, "the SHA-256 at commit differs from the one the install began with");
      return null;
    }
    return this.finishExtent(p, err);
  }

  /** Abandons the install in progress (if any) and frees its blocks. */
  abortInstall(err: StoreError): boolean {
    err.clear();
    const p = this.upload;
    if (!p.active) return true;
    p.active = false;
    p.module.inUse = false;
    return this.collect(p.module.block, p.module.blocks, err);
  }

  // ---- changing installed modules ---------------------------------------------

  remove(name: Uint8Array, err: StoreError): boolean {
    err.clear();
    if (!this.ready()) return err.fail(StoreErrorCode.NotMounted, "the store is not mounted");
    const m = this.find(name);
    if (m === null) return err.fail(StoreErrorCode.NoSuchModule, "no such module");
    // the dead word removes the module; its folder goes before its blocks, so that a cut between the two
    // leaves a dead header for mount to finish the job with (never a folder without its module)
    if (!this.markDead(m, err) || !this.dropFolder(name, err)) return false;
    return this.collect(m.block, m.blocks, err);
  }

  // ---- files of the modules' folders ---------------------------------------------

  /**
   * Saves bytes[0 .. length) as the file at `path` in the folder of module
   * `owner`, atomically: a power cut leaves the old content or the new, whole.
   * Returns the saved file.
   */
  saveFile(owner: Uint8Array, path: Uint8Array, bytes: Uint8Array, length: u32, err: StoreError): StoredModule | null {
    err.clear();
    if (!this.ready()) {
      err.fail(StoreErrorCode.NotMounted, "the store is not mounted");
      return null;
    }
    if (owner.length < 1 || owner.length > MAX_NAME || path.length < 1 || path.length > MAX_PATH) {
      err.fail(StoreErrorCode.BadMetadata, "a file needs a module name of 1 to " + MAX_NAME + " bytes and a path of 1 to " + MAX_PATH);
      return null;
    }
    if (this.findFile(owner, path) === null && this.files.length >= MAX_FILES) {
      err.fail(StoreErrorCode.TooManyModules, "the store keeps " + MAX_FILES + " files already (all folders together); remove one first");
      return null;
    }
    const blocks = extentBlocks(length, this.flash.blockSize);
    const at = blocks > this.flash.blockCount ? -1 : this.allocate(blocks, err);
    if (at === -2) return null;
    if (at < 0) {
      err.fail(StoreErrorCode.StoreFull, "store full: the file needs " + this.flash.address(blocks) + " bytes of flash, " + this.freeBytes() + " are free");
      err.needed = this.flash.address(blocks);
      err.free = this.freeBytes();
      return null;
    }
    const f = this.takeSlot();
    if (f === null) throw new Error("store: no free entry slot");
    this.hash.reset();
    this.hash.update(bytes, 0, length | 0);
    this.hash.digest(this.digest, 0);
    f.setMeta(owner, this.digest, bytes.subarray(0, 0), path);
    f.isFile = true;
    f.size = length;
    f.installedAutostart = false;
    f.autostart = false;
    const p = this.save;
    if (!this.startExtent(p, f, at, err)) return null;
    if (!this.writeData(p, bytes, 0, length, err)) return null;
    return this.finishExtent(p, err);
  }

  /** Removes the file at `path` of module `owner`'s folder. */
  removeFile(owner: Uint8Array, path: Uint8Array, err: StoreError): boolean {
    err.clear();
    if (!this.ready()) return err.fail(StoreErrorCode.NotMounted, "the store is not mounted");
    const f = this.findFile(owner, path);
    if (f === null) return err.fail(StoreErrorCode.NoSuchModule, "no such file");
    return this.kill(f, err);
  }

  /** Removes every file of module `owner`'s folder (none: nothing to do). */
  removeFolder(owner: Uint8Array, err: StoreError): boolean {
    err.clear();
    if (!this.ready()) return err.fail(StoreErrorCode.NotMounted, "the store is not mounted");
    return this.dropFolder(owner, err);
  }

  private dropFolder(owner: Uint8Array, err: StoreError): boolean {
    let f = this.fileAt(owner, 0);
    while (f !== null) {
      if (!this.kill(f, err)) return false;
      f = this.fileAt(owner, 0);
    }
    return true;
  }

  setAutostart(name: Uint8Array, on: boolean, err: StoreError): boolean {
    err.clear();
    if (!this.ready()) return err.fail(StoreErrorCode.NotMounted, "the store is not mounted");
    let m = this.find(name);
    if (m === null) return err.fail(StoreErrorCode.NoSuchModule, "no such module");
    if (m.autostart === on) return true;
    if (m.toggles >= TOGGLE_BITS) {
      const blocks = m.blocks;
      const at = this.allocate(blocks, err);
      if (at === -2) return false;
      if (at < 0) {
        err.fail(StoreErrorCode.StoreFull, "the module's autostart flag has been changed " + TOGGLE_BITS + " times: changing it again copies the module, which needs " + this.flash.address(blocks) + " free bytes in a row");
        err.needed = this.flash.address(blocks);
        err.free = this.freeBytes();
        return false;
      }
      // making room may have copied this module already (with fresh toggle bits)
      m = this.find(name)!;
      if (m.toggles >= TOGGLE_BITS) return this.relocate(m, at, on, err);
    }
    // clear toggle bit number m.toggles: one aligned word program that changes one byte
    const byteAddress = (this.flash.at(m.block, OFF_TOGGLES) + (m.toggles >>> 3)) >>> 0;
    const wordAddress = (byteAddress - (byteAddress & 3)) >>> 0;
    if (!this.flash.read(wordAddress, this.word, 0, 4, err)) return false;
    const at = byteAddress & 3;
    this.word[at] = this.word[at] & ~(1 << (m.toggles & 7));
    if (!this.flash.program(wordAddress, this.word, 0, 4, err)) return false;
    m.toggles++;
    m.autostart = on;
    return true;
  }

  // ---- extents -------------------------------------------------------------------

  /** Reserves the extent at `block` for m, erases its first block and programs its header body. */
  private startExtent(p: PendingInstall, m: StoredModule, block: i32, err: StoreError): boolean {
    m.block = block;
    m.blocks = extentBlocks(m.size, this.flash.blockSize);
    m.seq = this.nextSeq;
    m.toggles = 0;
    this.nextSeq = (this.nextSeq + 1) >>> 0;
    this.used.fill(1, block, block + m.blocks);
    p.module = m;
    p.written = 0;
    p.erasedBlocks = 0;
    p.active = true;
    if (!this.flash.erase(block, err)) return false;
    p.erasedBlocks = 1;
    const flags = (m.installedAutostart ? FLAG_AUTOSTART : 0) | (m.isFile ? FLAG_FILE : 0);
    encodeHeaderBody(this.header, m.seq, m.size, flags, m.sha256, m.name(), m.caps(), m.args());
    return this.flash.program(this.flash.address(block), this.header, 0, BODY_BYTES, err);
  }

  /** Programs bytes[from .. from+length) as module bytes [p.written ..), erasing blocks as the data reaches them. */
  private writeData(p: PendingInstall, bytes: Uint8Array, from: u32, length: u32, err: StoreError): boolean {
    const m = p.module;
    const extent = this.flash.address(m.block);
    let source = from;
    let left = length;
    while (left > 0) {
      const inExtent = (HEADER_BYTES + p.written) >>> 0;
      const at = (extent + inExtent) >>> 0;
      const blockIndex = (inExtent / this.flash.blockSize) | 0;
      while (p.erasedBlocks <= blockIndex) {
        if (!this.flash.erase((m.block + p.erasedBlocks) | 0, err)) return false;
        p.erasedBlocks++;
      }
      const n = minU32(left, (this.flash.pageSize - ((at % this.flash.pageSize) >>> 0)) >>> 0);
      if (!this.flash.program(at, bytes, source, n, err)) return false;
      p.written = (p.written + n) >>> 0;
      source = (source + n) >>> 0;
      left = (left - n) >>> 0;
    }
    return true;
  }

  /** Checks the SHA-256 of what p wrote, commits it, kills the copy of the same name it replaces. */
  private finishExtent(p: PendingInstall, err: StoreError): StoredModule | null {
    const m = p.module;
    if (!this.hashMatches(m, err)) {
      if (err.code !== StoreErrorCode.None) return null;
      const wasUpload = p === this.upload;
      p.active = false;
      m.inUse = false;
      this.collect(m.block, m.blocks, err);
      err.fail(StoreErrorCode.HashMismatch, wasUpload ? "the module's SHA-256 does not match its bytes" : "a module copy read back differently (flash failing?)");
      return null;
    }
    putU32(this.word, 0, COMMIT_MARK);
    if (!this.flash.program(this.flash.at(m.block, OFF_COMMIT), this.word, 0, 4, err)) return null;
    p.active = false;
    const old = m.isFile ? this.findFile(m.name(), m.path()) : this.find(m.name());
    const list = m.isFile ? this.files : this.modules;
    let i = list.length;
    list.push(m);
    while (i > 0 && list[i - 1].block > m.block) {
      list[i] = list[i - 1];
      i--;
    }
    list[i] = m;
    if (old !== null && !this.kill(old, err)) return null;
    return m;
  }

  /** Copies module m to a new extent at `block` (a new seq, installed with autostart `autostart`), then kills m. */
  private relocate(m: StoredModule, block: i32, autostart: boolean, err: StoreError): boolean {
    const c = this.takeSlot();
    if (c === null) throw new Error("store: no free module slot");
    c.setMeta(m.name(), m.sha256, m.caps(), m.args());
    c.isFile = m.isFile;
    c.size = m.size;
    c.installedAutostart = autostart;
    c.autostart = autostart;
    const p = this.copy;
    if (!this.startExtent(p, c, block, err)) return false;
    const from = this.dataAddress(m);
    while (p.written < m.size) {
      const n = minU32(SCRATCH_BYTES, (m.size - p.written) >>> 0);
      if (!this.flash.read((from + p.written) >>> 0, this.scratch, 0, n, err)) return false;
      if (!this.writeData(p, this.scratch, 0, n, err)) return false;
    }
    return this.finishExtent(p, err) !== null;
  }

  /** Programs m's dead word, forgets it, and erases its extent. */
  private kill(m: StoredModule, err: StoreError): boolean {
    return this.markDead(m, err) && this.collect(m.block, m.blocks, err);
  }

  /** Programs m's dead word and forgets it (its blocks stay used until collected). */
  private markDead(m: StoredModule, err: StoreError): boolean {
    putU32(this.word, 0, 0);
    if (!this.flash.program(this.flash.at(m.block, OFF_DEAD), this.word, 0, 4, err)) return false;
    const list = m.isFile ? this.files : this.modules;
    let i = 0;
    while (list[i] !== m) i++;
    for (; i + 1 < list.length; i++) list[i] = list[i + 1];
    list.pop();
    m.inUse = false;
    return true;
  }

  /**
   * Erases the extent at `block` (dead or never committed): its other blocks
   * from the last, then its magic is broken, then its first block is erased
   * (store-layout.ts says why in this order). Blocks that read erased already
   * are not erased again.
   */
  private collect(block: i32, blocks: i32, err: StoreError): boolean {
    for (let k = (blocks - 1) | 0; k >= 1; k--) {
      const erased = this.flash.isErased((block + k) | 0, err);
      if (err.code !== StoreErrorCode.None) return false;
      if (!erased && !this.flash.erase((block + k) | 0, err)) return false;
    }
    putU32(this.word, 0, 0);
    if (!this.flash.program(this.flash.at(block, OFF_MAGIC), this.word, 0, 4, err)) return false;
    if (!this.flash.erase(block, err)) return false;
    this.used.fill(0, block, block + blocks);
    return true;
  }


}

/** Whether a and c are copies of one entry: one module name, or one file (its module's name and path). */
function sameEntry(a: StoredModule, c: StoredModule): boolean {
  return a.isFile === c.isFile && sameBytes(a.name(), c.name()) && (!a.isFile || sameBytes(a.path(), c.path()));
}
