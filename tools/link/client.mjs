// BoardClient: the host's side of the wire protocol (docs/protocol.md) over a
// Transport. Requests carry ids 1..65535 and wait for the reply that echoes
// theirs; an idempotent request (HELLO, INFO, LIST, LOGS, PING, UPLOAD_BEGIN) is sent again
// with the same id after a timeout, so a late reply to the first send still
// answers it. ERROR replies become BoardError; no reply at all, BoardTimeout.
// Frames with id 0 are events (LOG, EXIT) for the listeners; text outside
// frames (a boot banner, a panic message) goes to onBanner line by line.
//
// The bytes of each message are core/protocol's business: wire.mjs turns
// {type, id, ...fields} objects into frames and back.
import { BoardError, BoardTimeout, ProtocolError } from "./errors.mjs";
import { COMMIT_TIMEOUT_MS, uploadModule } from "./uploader.mjs";

export { BoardError, BoardTimeout, ProtocolError, COMMIT_TIMEOUT_MS };

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_RETRIES = 2;
/** How long a write may wait for the port to take its bytes. */
const WRITE_TIMEOUT_MS = 5000;

/** Requests that are safe to send twice (docs/protocol.md, "Conversations"): they change nothing, or the same thing again. */
const IDEMPOTENT = new Set(["HELLO", "INFO", "LIST", "LOGS", "PING", "UPLOAD_BEGIN"]);

export class BoardClient {
  /**
   * wire: the codec (wire.mjs's loadWire()). Options: timeoutMs (per try),
   * retries (extra tries of an idempotent request), onBanner(line) for text
   * outside frames, onCorrupt(why) for bytes between delimiters that are no frame,
   * commitTimeoutMs (how long UPLOAD_COMMIT may take, default 30 s).
   */
  constructor(transport, wire, { timeoutMs = DEFAULT_TIMEOUT_MS, retries = DEFAULT_RETRIES, onBanner = () => {}, onCorrupt = () => {}, commitTimeoutMs = COMMIT_TIMEOUT_MS } = {}) {
    this.transport = transport;
    this.wire = wire;
    this.timeoutMs = timeoutMs;
    this.commitTimeoutMs = commitTimeoutMs;
    this.retries = retries;
    this.onBanner = onBanner;
    this.onCorrupt = onCorrupt;
    this.nextId = 1;
    this.pending = new Map(); // id -> { type, resolve, reject, onReply }
    this.listeners = { LOG: [], EXIT: [] };
    this.frameTaps = []; // see tapFrames
    this.reader = wire.newReader();
    this.closedError = null;
    /** byte runs between delimiters that were no frame (a wrong baud rate makes many) */
    this.corruptCount = 0;
    /** requests sent again because their reply did not come in time */
    this.resent = 0;
    /** frames that arrived whole (with corruptCount: a noisy link rather than a wrong rate) */
    this.framesReceived = 0;
    /** resolves with a BoardTimeout when the port closes or breaks */
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    /** what hello() learnt: the INFO fields */
    this.board = null;
    transport.onData((bytes) => this.received(bytes));
    transport.onClose((error) => this.lost(error));
  }

  received(bytes) {
    for (const item of this.reader.push(bytes)) {
      if (item.kind === "frame") this.dispatch(item.message);
      else if (item.kind === "text") this.onBanner(item.text);
      else {
        this.corruptCount++;
        this.onCorrupt(item.why);
      }
    }
  }

  dispatch(message) {
    this.framesReceived++;
    for (const tap of this.frameTaps) if (tap(message)) return;
    if (message.id === 0) {
      const listeners = this.listeners[message.type];
      if (listeners) for (const listener of [...listeners]) listener(message);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return; // a late reply to a request we gave up on
    this.pending.delete(message.id);
    if (message.type === "ERROR") waiting.reject(new BoardError(message.code, message.codeName, message.message));
    else {
      // at once, before the frames after it: what it says comes before them
      waiting.onReply?.(message);
      waiting.resolve(message);
    }
  }

  lost(error) {
    this.closedError = new BoardTimeout(
      error ? `the connection to the board broke: ${error.message}` : "the board's port closed (unplugged, reset, or the simulator stopped)",
    );
    for (const waiting of this.pending.values()) waiting.reject(this.closedError);
    this.pending.clear();
    this.resolveClosed(this.closedError);
  }

  /** on("LOG" | "EXIT", listener(event)): events the board sends with id 0. Returns a function that removes the listener. */
  on(type, listener) {
    const list = this.listeners[type];
    if (!list) throw new Error(`no event ${type}`);
    list.push(listener);
    return () => {
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /** tap(message) sees every frame first; when it returns true the frame is its alone. Returns the remover. */
  tapFrames(tap) {
    this.frameTaps.push(tap);
    return () => {
      const at = this.frameTaps.indexOf(tap);
      if (at >= 0) this.frameTaps.splice(at, 1);
    };
  }

  allocateId() {
    for (;;) {
      const id = this.nextId;
      this.nextId = id === 0xffff ? 1 : id + 1;
      if (!this.pending.has(id)) return id;
    }
  }

  /**
   * Sends one frame; resolves once the port took it. A port that takes nothing
   * for a while (a board that stopped reading) is a BoardTimeout, not a hang.
   */
  async send(type, id, fields = {}) {
    if (this.closedError) throw this.closedError;
    let timer;
    const waitMs = Math.max(WRITE_TIMEOUT_MS, 2 * this.timeoutMs);
    const stuck = new Promise((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), waitMs)));
    const written = this.transport.write(this.wire.encode(type, id, fields));
    written.catch(() => {}); // raced below; a failure after the timeout is not unhandled
    const outcome = await Promise.race([written, stuck]).finally(() => clearTimeout(timer));
    if (outcome === TIMED_OUT) {
      throw new BoardTimeout(`the board's port took no bytes for ${(waitMs / 1000).toFixed(0)} s (sending ${type}): the board stopped reading; reset it (or unplug it and plug it in again)`);
    }
  }

  /**
   * Sends a request and resolves with its reply ({type, id, ...fields}).
   * Options: timeoutMs (per try), retries (idempotent requests only),
   * expect: the reply types that answer it (others reject with ProtocolError),
   * onReply(message): called as the reply is read, before any frame after it
   * (a promise's continuation runs only after the rest of the bytes read).
   */
  async request(type, fields = {}, { timeoutMs = this.timeoutMs, retries, expect, onReply } = {}) {
    if (this.closedError) throw this.closedError;
    const tries = 1 + (IDEMPOTENT.has(type) ? (retries ?? this.retries) : 0);
    const id = this.allocateId();
    const reply = new Promise((resolve, reject) => this.pending.set(id, { type, resolve, reject, onReply }));
    reply.catch(() => {}); // awaited below; a rejection while we are still sending is not unhandled
    for (let attempt = 1; attempt <= tries; attempt++) {
      await this.send(type, id, fields);
      let timer;
      const expired = new Promise((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)));
      const answer = await Promise.race([reply, expired]).finally(() => clearTimeout(timer));
      if (answer === TIMED_OUT) {
        if (attempt < tries) this.resent++;
        continue;
      }
      if (expect && !expect.includes(answer.type)) {
        throw new ProtocolError(`the board answered ${type} with ${answer.type} (expected ${expect.join(" or ")})`);
      }
      return answer;
    }
    this.pending.delete(id);
    const seconds = (timeoutMs / 1000).toFixed(1);
    const frames = `${this.corruptCount} garbled frame${this.corruptCount === 1 ? "" : "s"}`;
    // garbled frames alone: the wrong line rate; among whole ones: a noisy link
    const garbled =
      this.corruptCount === 0 ? "; is it running wasmcu firmware?" : this.framesReceived === 0 ? `; ${frames} came instead: is --baud the board's rate?` : `; ${frames} came: the link is noisy (check the cable, or use a lower --baud)`;
    throw new BoardTimeout(`the board does not answer (${type}: no reply in ${seconds} s${tries > 1 ? `, ${tries} tries` : ""})${garbled}`);
  }

  /** The version handshake; resolves with the board's DeviceInfo fields (also kept as this.board). */
  async hello() {
    const ours = this.wire.PROTOCOL_VERSION;
    let reply;
    try {
      reply = await this.request("HELLO", { protoVersion: ours }, { expect: ["HELLO_OK"] });
    } catch (e) {
      if (e instanceof BoardError && (e.codeName === "VersionMismatch" || e.codeName === "UnknownType")) {
        throw new ProtocolError(`the board refused this wasmcu's protocol version ${ours}: ${e.message} (update the firmware or wasmcu so that they match)`);
      }
      throw e;
    }
    if (reply.protoVersion !== ours) {
      throw new ProtocolError(
        `the board speaks protocol version ${reply.protoVersion}, this wasmcu speaks ${ours}: update ${reply.protoVersion < ours ? "the board's firmware" : "wasmcu"}`,
      );
    }
    this.board = reply;
    return reply;
  }

  /** The board's DeviceInfo fields now (free memory, uptime, ...). */
  async info() {
    this.board = await this.request("INFO", {}, { expect: ["INFO_OK"] });
    return this.board;
  }

  /**
   * The modules the board holds: [{name, size, sha256, caps, autostart, state,
   * persisted, lastExit}], over as many LIST replies as it takes. `retries`:
   * extra tries of each LIST (default: the client's).
   */
  async list({ retries } = {}) {
    const entries = [];
    for (;;) {
      const reply = await this.request("LIST", { first: entries.length }, { expect: ["LIST_OK"], retries });
      entries.push(...reply.entries);
      if (reply.entries.length === 0 || entries.length >= reply.total) return entries;
    }
  }

  ping() {
    return this.request("PING", {}, { expect: ["PONG"] });
  }

  start(name) {
    return this.request("START", { name }, { expect: ["OK"] });
  }

  stop(name) {
    return this.request("STOP", { name }, { expect: ["OK"] });
  }

  remove(name) {
    return this.request("REMOVE", { name }, { expect: ["OK"] });
  }

  /** Asks the board to reset into its USB bootloader (RP2040: BOOTSEL) so that it can be flashed; it answers OK first. */
  rebootToBootloader() {
    return this.request("BOOTLOADER", {}, { expect: ["OK"] });
  }

  setAutostart(name, on) {
    return this.request("SET_AUTOSTART", { name, on: on ? 1 : 0 }, { expect: ["OK"] });
  }

  safe() {
    return this.request("SAFE", {}, { expect: ["OK"] });
  }

  reset() {
    return this.request("RESET", {}, { expect: ["OK"] });
  }

  /**
   * The log history the board still holds from fromSeq on, over as many LOGS
   * replies as it takes: { records: [{seq, stream, name, data}], nextSeq }
   * (nextSeq: where new records will start).
   */
  async logs(fromSeq = 0) {
    const records = [];
    let seq = fromSeq;
    for (;;) {
      const reply = await this.request("LOGS", { fromSeq: seq }, { expect: ["LOGS_OK"] });
      records.push(...reply.records);
      const done = reply.nextSeq === reply.endSeq || reply.records.length === 0 || reply.nextSeq === seq;
      seq = reply.nextSeq;
      if (done) return { records, nextSeq: seq };
    }
  }

  /**
   * Uploads a module (uploader.mjs: lost chunks sent again, the upload resumed
   * from the board's offset when it stalls, a lost commit told from a slow
   * one). opts: name, mode ("run" | "install"), autostart, caps (string), args
   * (strings), attempts (how many times the upload may begin), onCommitted()
   * (called as the commit's OK is read: events after it are about the new
   * module; an EXIT before it is the one of a module of that name that the
   * upload replaced). onProgress(acknowledged, total) after each ACK.
   * Resolves with { skipped, resumedFrom, bytes, seconds, retransmits,
   * resumes, commitResends, requestsResent, sentBytes, smallestChunk, sha256 }.
   */
  upload(bytes, options, onProgress = () => {}) {
    return uploadModule(this, bytes, options, onProgress);
  }
}

const TIMED_OUT = Symbol("timed out");
