// Uploads: UPLOAD_BEGIN, UPLOAD_CHUNK..., UPLOAD_COMMIT (docs/protocol.md,
// "Uploads"). A `run` upload goes into RAM, into the buffer of the slot that
// will run it; an `install` upload streams into the store's flash as it
// arrives. Chunks are taken in order; a chunk from the future (one before it
// was lost) is answered with how far the device is, so the host goes back.
import type { i32, u32 } from "../types";
import { ramSize } from "../hal";
import { Sha256 } from "../protocol/sha256";
import { ErrorCode, HASH_SIZE, UploadBegin, UploadMode } from "../protocol/messages";
import { ModuleMeta, ModuleStore, StoreError, StoreErrorCode } from "./store";
import { sameBytes } from "../text";
import { Text } from "./text";
import { Capabilities, parseCapabilities } from "./capabilities";
import { MAX_ARGS, MAX_NAME, ModuleSlot, SlotState, reusableSlot, slotNamed, slots } from "./slots";
import { discardSlot, prepareSlot, stopSlot } from "./scheduler";

/** The most data bytes per UPLOAD_CHUNK (its body is offset u32 + blob u16 + data, within MAX_BODY). */
export const CHUNK_SIZE: i32 = 1000;
/** How many chunks a host may have unacknowledged. */
export const WINDOW: i32 = 4;

export class Upload {
  active: boolean = false;
  mode: i32 = UploadMode.Run;
  autostart: boolean = false;
  readonly name: Uint8Array = new Uint8Array(MAX_NAME);
  nameLength: i32 = 0;
  size: u32 = 0;
  readonly sha256: Uint8Array = new Uint8Array(HASH_SIZE);
  readonly caps: Uint8Array = new Uint8Array(128);
  capsLength: i32 = 0;
  readonly args: Uint8Array = new Uint8Array(MAX_ARGS);
  argsLength: i32 = 0;
  /** bytes [0, received) have arrived */
  received: u32 = 0;
  /** the slot a run upload fills */
  slot: ModuleSlot | null = null;
  /** UPLOAD_BEGIN was answered UPLOAD_SKIPPED: the commit that follows applies to the stored module */
  skipped: boolean = false;

  nameView(): Uint8Array {
    return this.name.subarray(0, this.nameLength);
  }

  capsView(): Uint8Array {
    return this.caps.subarray(0, this.capsLength);
  }

  argsView(): Uint8Array {
    return this.args.subarray(0, this.argsLength);
  }

  /**
   * Whether a run upload still owns its slot. A START or REMOVE of the same
   * name during the upload takes the slot (another module runs in it, or it
   * is freed): the upload's bytes are then gone, and it must not write into
   * the slot or start it.
   */
  ownsSlot(): boolean {
    const s = this.slot;
    return s !== null && s.state === SlotState.Uploading && s.bytes !== null && s.bytes!.length === this.size;
  }

  /** Whether `b` describes this very upload (so a new UPLOAD_BEGIN resumes it). */
  same(b: UploadBegin): boolean {
    if (this.active && this.mode === UploadMode.Run && !this.ownsSlot()) return false;
    return this.active && this.mode === b.mode && this.autostart === b.autostart && this.size === b.size && sameBytes(this.nameView(), b.name) && sameBytes(this.sha256, b.sha256) && sameBytes(this.capsView(), b.caps) && sameBytes(this.argsView(), b.args);
  }
}

export const upload = new Upload();
const storeError = new StoreError();
const hash = new Sha256();
const digest = new Uint8Array(HASH_SIZE);
// made once: in C, what an UPLOAD_BEGIN allocates outside a module's arena is never freed
const capsCheck = new Capabilities();
const installMeta = new ModuleMeta(digest, digest, digest, digest, false);

/** Maps a store failure to a protocol error code. */
export function storeErrorCode(e: StoreError): i32 {
  switch (e.code) {
    case StoreErrorCode.StoreFull:
    case StoreErrorCode.TooManyModules:
      return ErrorCode.StoreFull;
    case StoreErrorCode.TooLarge:
      return ErrorCode.TooLarge;
    case StoreErrorCode.BadMetadata:
      return ErrorCode.BadRequest;
    case StoreErrorCode.NoSuchModule:
      return ErrorCode.NoSuchModule;
    case StoreErrorCode.NoInstall:
      return ErrorCode.NoUpload;
    case StoreErrorCode.OutOfOrder:
    case StoreErrorCode.Incomplete:
      return ErrorCode.UploadOutOfOrder;
    case StoreErrorCode.HashMismatch:
      return ErrorCode.HashMismatch;
  }
  return ErrorCode.StoreError;
}

/** A slot for a new run of `name`: its own (stopping what runs there), else a reusable one. */
function slotFor(name: Uint8Array): ModuleSlot | null {
  const own = slotNamed(name);
  if (own >= 0) {
    stopSlot(slots[own]);
    return slots[own];
  }
  const k = reusableSlot();
  return k >= 0 ? slots[k] : null;
}

/** Forgets the upload in progress (its RAM, or its partly written flash extent). */
export function abandonUpload(store: ModuleStore): void {
  if (!upload.active) return;
  if (upload.mode === UploadMode.Install) store.abortInstall(storeError);
  else if (upload.slot !== null && upload.slot!.state === SlotState.Uploading) discardSlot(upload.slot!);
  upload.active = false;
  upload.slot = null;
}

/**
 * UPLOAD_BEGIN. Returns 0 and sets upload.received (the resume offset), or an
 * ErrorCode with `err` saying why.
 */
export function beginUpload(b: UploadBegin, store: ModuleStore, err: Text): i32 {
  if (b.name.length < 1 || b.name.length > MAX_NAME) {
    err.add("a module name has 1 to " + MAX_NAME + " bytes, not " + b.name.length);
    return ErrorCode.BadRequest;
  }
  if (b.size === 0 || b.sha256.length !== HASH_SIZE || b.caps.length > 128 || b.args.length > MAX_ARGS || b.mode > UploadMode.Install) {
    err.add("UPLOAD_BEGIN: bad size, hash, capabilities or arguments");
    return ErrorCode.BadRequest;
  }
  capsCheck.reset();
  if (!parseCapabilities(b.caps, capsCheck, err)) return ErrorCode.BadRequest;
  upload.skipped = false;
  if (upload.same(b)) return 0;
  abandonUpload(store);
  if (b.mode === UploadMode.Run) {
    if (b.size > ramSize() / 2) {
      err.add("a module of " + b.size + " bytes does not fit this board's RAM for modules (" + ramSize() + " bytes); use install, which keeps it in flash");
      return ErrorCode.TooLarge;
    }
    const s = slotFor(b.name);
    if (s === null) {
      err.add("every module slot holds a running module; stop one first");
      return ErrorCode.Busy;
    }
    prepareSlot(s, b.size);
    s.state = SlotState.Uploading;
    s.setName(b.name);
    s.setArgs(b.args);
    s.setUploaded(b.size, b.sha256, b.caps);
    s.clearCaps();
    parseCapabilities(b.caps, s.caps, err);
    s.persisted = false;
    s.autostart = false;
    s.failures = 0;
    upload.slot = s;
  } else {
    installMeta.name = b.name;
    installMeta.sha256 = b.sha256;
    installMeta.caps = b.caps;
    installMeta.args = b.args;
    installMeta.autostart = b.autostart;
    const p = store.beginInstall(installMeta, b.size, storeError);
    if (p === null) {
      err.add(storeError.message);
      return storeErrorCode(storeError);
    }
    upload.received = p.written;
  }
  upload.active = true;
  upload.mode = b.mode;
  upload.autostart = b.autostart;
  upload.name.set(b.name, 0);
  upload.nameLength = b.name.length;
  upload.size = b.size;
  upload.sha256.set(b.sha256, 0);
  upload.caps.set(b.caps, 0);
  upload.capsLength = b.caps.length;
  upload.args.set(b.args, 0);
  upload.argsLength = b.args.length;
  if (b.mode === UploadMode.Run) upload.received = 0;
  return 0;
}

/** A run upload whose slot another request took: dropped (NoUpload), the slot left to its new owner. */
function slotTaken(err: Text): i32 {
  upload.active = false;
  upload.slot = null;
  err.add("the upload was dropped: a START or REMOVE of its name took its place in RAM; upload it again");
  return ErrorCode.NoUpload;
}

/**
 * UPLOAD_CHUNK at `offset`. Returns 0 (upload.received says how far the
 * upload is, what the ACK reports) or an ErrorCode with `err` saying why.
 */
export function uploadChunk(offset: u32, data: Uint8Array, store: ModuleStore, err: Text): i32 {
  if (!upload.active) {
    err.add("no upload in progress: send UPLOAD_BEGIN first");
    return ErrorCode.NoUpload;
  }
  if (upload.mode === UploadMode.Run && !upload.ownsSlot()) return slotTaken(err);
  // a chunk from the future: an earlier one was lost; the ACK tells the host where to go back to
  if (offset > upload.received) return 0;
  if (offset + data.length > upload.size) {
    err.add("a chunk that ends at " + (offset + data.length) + ", past the module's " + upload.size + " bytes");
    return ErrorCode.UploadOutOfOrder;
  }
  const end: u32 = (offset + data.length) >>> 0;
  if (end <= upload.received) return 0;
  if (upload.mode === UploadMode.Run) {
    upload.slot!.bytes!.set(data, offset);
    upload.received = end;
    return 0;
  }
  const written = store.writeChunk(offset, data, 0, data.length, storeError);
  if (written < 0) {
    err.add(storeError.message);
    return storeErrorCode(storeError);
  }
  upload.received = written >>> 0;
  return 0;
}

/** Whether every byte has arrived and the SHA-256 of a run upload matches (install uploads are checked by the store). */
export function uploadComplete(err: Text): i32 {
  if (!upload.active) {
    err.add("no upload in progress: send UPLOAD_BEGIN first");
    return ErrorCode.NoUpload;
  }
  if (upload.received !== upload.size) {
    err.add("the upload is incomplete: " + upload.received + " of " + upload.size + " bytes arrived");
    return ErrorCode.UploadOutOfOrder;
  }
  if (upload.mode === UploadMode.Run) {
    if (!upload.ownsSlot()) return slotTaken(err);
    hash.reset();
    hash.update(upload.slot!.bytes!, 0, upload.size | 0);
    hash.digest(digest, 0);
    if (!sameBytes(digest, upload.sha256)) {
      err.add("the module's SHA-256 does not match what UPLOAD_BEGIN announced: bytes were corrupted on the way; upload it again");
      return ErrorCode.HashMismatch;
    }
  }
  return 0;
}

/** The store's last failure (for the server's messages). */
export function lastStoreError(): StoreError {
  return storeError;
}
