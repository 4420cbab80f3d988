// The protocol server: one request frame in, one reply frame out
// (docs/protocol.md). Each request type has its handler below; they share
// the reply helpers at the top. Requests are answered at once: nothing a
// handler does waits for a module or for the host.
import type { i32, u16, f64 } from "../types";
import { arenaCreate, arenaFree, arenaUse } from "../arena";
import { clockMonotonicNs, ramSize, resetReason } from "../hal";
import { LoadError } from "../engine/module";
import { load, unloadModule } from "../engine/api";
import {
  BodyReader,
  DeviceInfo,
  EngineFeature,
  ErrorCode,
  ErrorReply,
  Hello,
  ListHeader,
  ListRequest,
  LogsRequest,
  ModuleEntry,
  ModuleState,
  MsgType,
  NameRequest,
  PROTOCOL_VERSION,
  SetAutostart,
  UploadAck,
  UploadBegin,
  UploadChunk,
  UploadMode,
  UploadReady,
} from "../protocol/messages";
import { body, sendFrame } from "./link";
import { writeLogHistory } from "./logring";
import { MAX_MODULES, ModuleStore, StoreError, StoredModule } from "./store";
import { sameBytes, utf8 } from "../text";
import { Text } from "./text";
import { parseCapabilities } from "./capabilities";
import { MAX_SLOTS, ModuleSlot, SlotState, reusableSlot, runningCount, slotNamed, slots } from "./slots";
import { discardSlot, loadErrorText, prepareSlot, ramLeft, startSlot, stopSlot } from "./scheduler";
import { CHUNK_SIZE, WINDOW, abandonUpload, beginUpload, storeErrorCode, upload, uploadChunk, uploadComplete } from "./upload";

export const FIRMWARE_VERSION = "0.1.0";

/** The supervisor's state that requests change. */
export class Supervisor {
  readonly store: ModuleStore = new ModuleStore();
  storeMounted: boolean = false;
  /** SAFE was asked: nothing autostarts until the next boot */
  safeMode: boolean = false;
  /** RESET was asked: the board resets once the reply is out */
  resetPending: boolean = false;
  /** with resetPending: BOOTLOADER was asked (reset into the USB bootloader) */
  bootloaderPending: boolean = false;
  bootNs: f64 = 0;
  /** the board's name, UTF-8 */
  board: Uint8Array = new Uint8Array(0);
}

export const supervisor = new Supervisor();

const request = new BodyReader();
const errorReply = new ErrorReply();
const err = new Text();
const storeError = new StoreError();
// requests and replies decoded and encoded again and again: allocated once (in C, what a handler
// allocates outside a module's arena stays allocated for good)
const infoReply = new DeviceInfo();
const FIRMWARE_BYTES = utf8(FIRMWARE_VERSION);
const helloRequest = new Hello();
const listRequest = new ListRequest();
const listHeader = new ListHeader();
const nameRequest = new NameRequest();
const setAutostartRequest = new SetAutostart();
const logsRequest = new LogsRequest();
const uploadBegin = new UploadBegin();
const uploadReady = new UploadReady();
const uploadChunkRequest = new UploadChunk();
const uploadAck = new UploadAck();
/** LIST's entries: every installed module and every RAM-only slot at most */
const listPool: ModuleEntry[] = [];
for (let i = 0; i < MAX_MODULES + MAX_SLOTS; i++) listPool.push(new ModuleEntry());

// ---------------------------------------------------------------- replies

function replyError(id: u16, code: i32, message: Uint8Array): void {
  errorReply.code = code & 0xffff;
  errorReply.message = message.length > 255 ? message.subarray(0, 255) : message;
  body.reset();
  errorReply.encode(body);
  sendFrame(MsgType.Error, id, body.length, false);
}

function replyEmpty(id: u16, type: i32): void {
  sendFrame(type & 0xff, id, 0, false);
}

/** Replies ERROR with `err`'s text, or OK when code is 0. */
function replyOutcome(id: u16, code: i32): void {
  if (code === 0) replyEmpty(id, MsgType.Ok);
  else replyError(id, code, err.view());
}

function badRequest(id: u16, what: string): void {
  replyError(id, ErrorCode.BadRequest, utf8(what + ": the body does not decode as its fields (docs/protocol.md)"));
}

// ---------------------------------------------------------------- info

function deviceInfo(): DeviceInfo {
  const info = infoReply;
  info.firmware = FIRMWARE_BYTES;
  info.board = supervisor.board;
  info.features = EngineFeature.TailCall | EngineFeature.ExtendedConst | EngineFeature.CustomPageSizes | EngineFeature.Wasi;
  info.ramTotal = ramSize();
  info.ramFree = ramLeft(null, 0);
  info.flashTotal = supervisor.storeMounted ? supervisor.store.totalBytes() : 0;
  info.flashFree = supervisor.storeMounted ? supervisor.store.freeBytes() : 0;
  info.maxChunk = CHUNK_SIZE;
  info.window = WINDOW;
  info.resetReason = resetReason() & 0xff;
  const up: f64 = (Number(clockMonotonicNs()) - supervisor.bootNs) / 1000000;
  info.uptimeMs = up > 4294967295 ? 4294967295 : up < 0 ? 0 : Math.floor(up) >>> 0;
  info.safeMode = supervisor.safeMode;
  info.modulesRunning = runningCount() & 0xff;
  return info;
}

function onHello(id: u16): void {
  const hello = helloRequest;
  if (!hello.decode(request)) return badRequest(id, "HELLO");
  if (hello.protoVersion !== PROTOCOL_VERSION) {
    return replyError(id, ErrorCode.VersionMismatch, utf8("this board speaks protocol version " + PROTOCOL_VERSION + ", the host " + hello.protoVersion + ": update the wasmcu tool or the firmware so they match"));
  }
  body.reset();
  deviceInfo().encode(body);
  sendFrame(MsgType.HelloOk, id, body.length, false);
}

function onInfo(id: u16): void {
  body.reset();
  deviceInfo().encode(body);
  sendFrame(MsgType.InfoOk, id, body.length, false);
}

// ---------------------------------------------------------------- list

function slotState(s: ModuleSlot): i32 {
  switch (s.state) {
    case SlotState.Running:
      return ModuleState.Running;
    case SlotState.Exited:
      return ModuleState.Exited;
    case SlotState.Trapped:
    case SlotState.Refused:
      return ModuleState.Trapped;
    case SlotState.Stopped:
      return ModuleState.Stopped;
    case SlotState.Backoff:
      return ModuleState.Backoff;
  }
  return ModuleState.Stored;
}

/** An entry of listPool, every field set again. */
function listEntry(i: i32): ModuleEntry {
  const e = listPool[i];
  e.autostart = false;
  e.persisted = false;
  e.state = ModuleState.Stored;
  e.lastExit = 0;
  return e;
}

/** The modules LIST shows, in listPool[0 .. count): every installed one (with its slot's state, if loaded), then the RAM-only ones. */
function listEntries(): i32 {
  let count = 0;
  if (supervisor.storeMounted) {
    const installed = supervisor.store.list();
    for (let i = 0; i < installed.length; i++) {
      const m = installed[i];
      const e = listEntry(count++);
      e.name = m.name();
      e.size = m.size;
      e.sha256 = m.sha256;
      e.caps = m.caps();
      e.autostart = m.autostart;
      e.persisted = true;
      const k = slotNamed(m.name());
      if (k >= 0 && slots[k].persisted) {
        e.state = slotState(slots[k]) & 0xff;
        e.lastExit = slots[k].lastExit;
      }
    }
  }
  for (let i = 0; i < MAX_SLOTS; i++) {
    const s = slots[i];
    if (s.state === SlotState.Free || s.state === SlotState.Uploading || s.persisted) continue;
    const e = listEntry(count++);
    e.name = s.nameView();
    e.size = s.size;
    e.sha256 = s.sha256;
    e.caps = s.capsView();
    e.state = slotState(s) & 0xff;
    e.lastExit = s.lastExit;
  }
  return count;
}

function onList(id: u16): void {
  const req = listRequest;
  if (!req.decode(request)) return badRequest(id, "LIST");
  const total = listEntries();
  const header = listHeader;
  header.total = total & 0xffff;
  header.first = req.first;
  body.reset();
  header.encode(body);
  let count = 0;
  for (let i: i32 = req.first; i < total && count < 255; i++) {
    const mark = body.length;
    listPool[i].encode(body);
    if (body.bad) {
      body.bad = false;
      body.length = mark;
      break;
    }
    count++;
  }
  const end = body.length;
  header.count = count & 0xff;
  body.length = 0;
  header.encode(body);
  body.length = end;
  sendFrame(MsgType.ListOk, id, body.length, false);
}

// ---------------------------------------------------------------- uploads

function onUploadBegin(id: u16): void {
  const b = uploadBegin;
  if (!b.decode(request)) return badRequest(id, "UPLOAD_BEGIN");
  // skip-if-same-hash: an install of bytes the store holds under this name already
  if (b.mode === UploadMode.Install && supervisor.storeMounted) {
    const m = supervisor.store.find(b.name);
    if (m !== null && sameBytes(m.sha256, b.sha256) && sameBytes(m.caps(), b.caps) && sameBytes(m.args(), b.args)) {
      if (m.autostart !== b.autostart && !supervisor.store.setAutostart(b.name, b.autostart, storeError)) {
        return replyError(id, storeErrorCode(storeError), utf8(storeError.message));
      }
      abandonUpload(supervisor.store);
      upload.skipped = true;
      upload.autostart = b.autostart;
      upload.name.set(b.name, 0);
      upload.nameLength = b.name.length;
      return replyEmpty(id, MsgType.UploadSkipped);
    }
  }
  if (b.mode === UploadMode.Install && !supervisor.storeMounted) {
    return replyError(id, ErrorCode.StoreError, utf8("the module store could not be mounted at boot; run is possible, install is not"));
  }
  const code = beginUpload(b, supervisor.store, err.clear());
  if (code !== 0) return replyError(id, code, err.view());
  const ready = uploadReady;
  ready.resumeOffset = upload.received;
  ready.chunkSize = CHUNK_SIZE;
  ready.window = WINDOW;
  body.reset();
  ready.encode(body);
  sendFrame(MsgType.UploadReady, id, body.length, false);
}

function onUploadChunk(id: u16): void {
  const c = uploadChunkRequest;
  if (!c.decode(request)) return badRequest(id, "UPLOAD_CHUNK");
  const code = uploadChunk(c.offset, c.data, supervisor.store, err.clear());
  if (code !== 0) return replyError(id, code, err.view());
  const ack = uploadAck;
  ack.nextOffset = upload.received;
  body.reset();
  ack.encode(body);
  sendFrame(MsgType.UploadAck, id, body.length, false);
}

/** Checks that the install's bytes (on flash, not yet committed) load: a board refuses an invalid module as the host would. */
function validatePendingInstall(): i32 {
  const p = supervisor.store.pendingInstall();
  if (p === null) return ErrorCode.NoUpload;
  const arena = arenaCreate((p.module.size + 4096) >>> 0);
  const previous = arenaUse(arena);
  const bytes = new Uint8Array(p.module.size);
  let code = 0;
  if (!supervisor.store.readModule(p.module, bytes, storeError)) {
    err.add(storeError.message);
    code = storeErrorCode(storeError);
  } else {
    const loadError = new LoadError();
    const m = load(bytes, loadError);
    if (m === null) {
      loadErrorText(loadError, err);
      code = ErrorCode.InvalidModule;
    } else {
      unloadModule(m);
    }
  }
  arenaUse(previous);
  arenaFree(arena);
  return code;
}

function onUploadCommit(id: u16): void {
  if (upload.skipped) {
    // the bytes were there already (UPLOAD_SKIPPED): an autostarted module starts as after a full upload
    upload.skipped = false;
    const m = supervisor.store.find(upload.nameView());
    if (m === null) return replyError(id, ErrorCode.NoUpload, utf8("the skipped module is no longer installed: upload it again"));
    const k = slotNamed(m.name());
    const running = k >= 0 && slots[k].state === SlotState.Running;
    if (m.autostart && !running && !supervisor.safeMode) return replyOutcome(id, startInstalled(m, err.clear()));
    return replyEmpty(id, MsgType.Ok);
  }
  let code = uploadComplete(err.clear());
  if (code !== 0) {
    if (code === ErrorCode.HashMismatch) abandonUpload(supervisor.store);
    return replyError(id, code, err.view());
  }
  if (upload.mode === UploadMode.Run) {
    const s = upload.slot!;
    upload.active = false;
    upload.slot = null;
    return replyOutcome(id, startSlot(s, err));
  }
  code = validatePendingInstall();
  if (code !== 0) {
    abandonUpload(supervisor.store);
    return replyError(id, code, err.view());
  }
  const m = supervisor.store.commitInstall(upload.sha256, storeError);
  upload.active = false;
  if (m === null) return replyError(id, storeErrorCode(storeError), utf8(storeError.message));
  // a new version replaces the one that runs
  const k = slotNamed(m.name());
  if (k >= 0 && slots[k].persisted) discardSlot(slots[k]);
  if (m.autostart && !supervisor.safeMode) return replyOutcome(id, startInstalled(m, err));
  replyEmpty(id, MsgType.Ok);
}

// ---------------------------------------------------------------- module control

/** Loads an installed module into a slot and starts it; 0 or an ErrorCode with `e` saying why. */
export function startInstalled(m: StoredModule, e: Text): i32 {
  const k = slotNamed(m.name());
  let s: ModuleSlot | null = null;
  if (k >= 0) {
    if (slots[k].state === SlotState.Running) {
      e.add("it is running already; stop it first");
      return ErrorCode.Busy;
    }
    s = slots[k];
  } else {
    const free = reusableSlot();
    if (free >= 0) s = slots[free];
  }
  if (s === null) {
    e.add("every module slot holds a running module; stop one first");
    return ErrorCode.Busy;
  }
  const bytes = prepareSlot(s!, m.size);
  if (!supervisor.store.readModule(m, bytes, storeError)) {
    discardSlot(s!);
    e.add(storeError.message);
    return storeErrorCode(storeError);
  }
  s!.setName(m.name());
  s!.setArgs(m.args());
  s!.clearCaps();
  parseCapabilities(m.caps(), s!.caps, e);
  s!.persisted = true;
  s!.autostart = m.autostart;
  return startSlot(s!, e);
}

function onStart(id: u16): void {
  const r = nameRequest;
  if (!r.decode(request)) return badRequest(id, "START");
  const m = supervisor.storeMounted ? supervisor.store.find(r.name) : null;
  if (m === null) return replyError(id, ErrorCode.NoSuchModule, err.clear().add("no installed module named '").addBytes(r.name).add("' (see `wasmcu ls`)").view());
  replyOutcome(id, startInstalled(m!, err.clear()));
}

function onStop(id: u16): void {
  const r = nameRequest;
  if (!r.decode(request)) return badRequest(id, "STOP");
  const k = slotNamed(r.name);
  // stopping a module that is not running is OK (docs/protocol.md); a name the board does not know is not
  if (k < 0 && !(supervisor.storeMounted && supervisor.store.find(r.name) !== null)) {
    return replyError(id, ErrorCode.NoSuchModule, err.clear().add("no module named '").addBytes(r.name).add("' (see `wasmcu ls`)").view());
  }
  if (k >= 0) stopSlot(slots[k]);
  replyEmpty(id, MsgType.Ok);
}

function onRemove(id: u16): void {
  const r = nameRequest;
  if (!r.decode(request)) return badRequest(id, "REMOVE");
  let found = false;
  const k = slotNamed(r.name);
  if (k >= 0) {
    discardSlot(slots[k]);
    found = true;
  }
  if (supervisor.storeMounted && supervisor.store.find(r.name) !== null) {
    if (!supervisor.store.remove(r.name, storeError)) return replyError(id, storeErrorCode(storeError), utf8(storeError.message));
    found = true;
  }
  // the module's folder goes with it (a `run` module's files too)
  if (supervisor.storeMounted && supervisor.store.fileAt(r.name, 0) !== null) {
    if (!supervisor.store.removeFolder(r.name, storeError)) return replyError(id, storeErrorCode(storeError), utf8(storeError.message));
    found = true;
  }
  if (!found) return replyError(id, ErrorCode.NoSuchModule, err.clear().add("no module named '").addBytes(r.name).add("' (see `wasmcu ls`)").view());
  replyEmpty(id, MsgType.Ok);
}

function onSetAutostart(id: u16): void {
  const r = setAutostartRequest;
  if (!r.decode(request)) return badRequest(id, "SET_AUTOSTART");
  if (!supervisor.storeMounted || supervisor.store.find(r.name) === null) {
    return replyError(id, ErrorCode.NoSuchModule, err.clear().add("no installed module named '").addBytes(r.name).add("' (see `wasmcu ls`)").view());
  }
  if (!supervisor.store.setAutostart(r.name, r.on, storeError)) return replyError(id, storeErrorCode(storeError), utf8(storeError.message));
  const k = slotNamed(r.name);
  if (k >= 0) slots[k].autostart = r.on;
  replyEmpty(id, MsgType.Ok);
}

/** SAFE: stops every module and clears every autostart flag, so the next boot starts nothing. */
function onSafe(id: u16): void {
  supervisor.safeMode = true;
  for (let i = 0; i < MAX_SLOTS; i++) stopSlot(slots[i]);
  if (supervisor.storeMounted) {
    const all = supervisor.store.list();
    for (let i = 0; i < all.length; i++) {
      if (all[i].autostart && !supervisor.store.setAutostart(all[i].name(), false, storeError)) {
        return replyError(id, storeErrorCode(storeError), utf8(storeError.message));
      }
    }
  }
  replyEmpty(id, MsgType.Ok);
}

function onReset(id: u16): void {
  supervisor.resetPending = true;
  replyEmpty(id, MsgType.Ok);
}

/** BOOTLOADER: like RESET, into the board's USB bootloader (docs/protocol.md). */
function onBootloader(id: u16): void {
  supervisor.resetPending = true;
  supervisor.bootloaderPending = true;
  replyEmpty(id, MsgType.Ok);
}

function onLogs(id: u16): void {
  const r = logsRequest;
  if (!r.decode(request)) return badRequest(id, "LOGS");
  body.reset();
  writeLogHistory(r.fromSeq, body);
  sendFrame(MsgType.LogsOk, id, body.length, false);
}

// ---------------------------------------------------------------- dispatch

/** Serves one request frame: its type, id and body (bytes[offset .. offset+length)). */
export function serve(type: i32, id: u16, bytes: Uint8Array, offset: i32, length: i32): void {
  request.reset(bytes, offset, length);
  switch (type) {
    case MsgType.Hello:
      return onHello(id);
    case MsgType.Info:
      return onInfo(id);
    case MsgType.List:
      return onList(id);
    case MsgType.UploadBegin:
      return onUploadBegin(id);
    case MsgType.UploadChunk:
      return onUploadChunk(id);
    case MsgType.UploadCommit:
      return onUploadCommit(id);
    case MsgType.Start:
      return onStart(id);
    case MsgType.Stop:
      return onStop(id);
    case MsgType.Remove:
      return onRemove(id);
    case MsgType.SetAutostart:
      return onSetAutostart(id);
    case MsgType.Safe:
      return onSafe(id);
    case MsgType.Reset:
      return onReset(id);
    case MsgType.Bootloader:
      return onBootloader(id);
    case MsgType.Logs:
      return onLogs(id);
    case MsgType.Ping:
      return replyEmpty(id, MsgType.Pong);
  }
  replyError(id, ErrorCode.UnknownType, utf8("unknown request type " + type + ": the host speaks a newer protocol than this firmware"));
}

/** Tells the host a frame arrived corrupt (its id is unknown, so id 0). */
export function reportCorruptFrame(): void {
  replyError(0, ErrorCode.BadFrame, utf8("a corrupt frame arrived (bad CRC or framing); it was dropped"));
}
