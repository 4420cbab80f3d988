// A scripted board on the far end of a pty pair: answers the host's requests
// with frames made by core/protocol's encoder (through tools/link/wire.mjs,
// the same message classes the device uses), and misbehaves on request (drops
// a chunk, stays silent, speaks another protocol version). It is not the
// device: the real supervisor's answers are tested against the simulator.
import { createHash } from "node:crypto";
import { SerialPort } from "serialport";
import { loadWire } from "../../tools/link/wire.mjs";

type Wire = Awaited<ReturnType<typeof loadWire>>;
type Message = Record<string, any> & { type: string; id: number };

export interface StoredModule {
  name: string;
  bytes: Uint8Array;
  sha256: Uint8Array;
  caps: string;
  autostart: boolean;
  state: number;
  persisted: boolean;
  lastExit: number;
}

/** What a module "does" when run: LOG records, then EXIT. */
export interface Script {
  output: { stream: number; text: string }[];
  exit: { kind: number; code: number; message: string };
}

export class FakeBoard {
  port!: SerialPort;
  wire!: Wire;
  reader!: ReturnType<Wire["newReader"]>;
  /** every request received, in order */
  received: Message[] = [];
  modules = new Map<string, StoredModule>();
  logRing: { seq: number; stream: number; name: string; data: Uint8Array }[] = [];
  nextSeq = 0;
  protoVersion = 1;
  chunkSize = 200;
  window = 4;
  /** UPLOAD_CHUNK offsets to drop once each (as if lost on the line) */
  dropChunks = new Set<number>();
  /** how many requests of a type to ignore before answering */
  ignore = new Map<string, number>();
  /** answer a chunk past the expected offset with ERROR UploadOutOfOrder (otherwise: an ACK that shows the gap) */
  outOfOrderError = false;
  /** chunks from this offset on get no answer (a link that died mid-upload) */
  stallFrom = Infinity;
  /** seq numbers of log records whose LOG event is not sent */
  skipLogEvents = new Set<number>();
  /** the most records the history keeps (0: all) */
  ringSize = 0;
  /** what a module run with mode run does, by name */
  scripts = new Map<string, Script>();
  /** the banner sent right after opening, as a board that just booted */
  banner = "wasmcu 0.0-fake on fake\r\n";
  upload: { begin: Message; bytes: Uint8Array; received: number } | null = null;
  /** the UPLOAD_BEGIN answered with UPLOAD_SKIPPED, for the commit that follows */
  skipped: Message | null = null;
  /** commit after UPLOAD_SKIPPED as docs/protocol.md says (false: answer it NoUpload, having applied autostart at UPLOAD_BEGIN) */
  commitsSkipped = true;
  /** hold UPLOAD_ACKs and send them all every holdAcksMs (0: at once), to see how many chunks the host keeps in flight */
  holdAcksMs = 0;
  heldAcks: { id: number; nextOffset: number }[] = [];
  /** the most chunks received while their ACKs were held */
  maxInFlight = 0;
  timer: ReturnType<typeof setInterval> | null = null;

  constructor(readonly path: string) {}

  async start(): Promise<void> {
    this.wire = await loadWire();
    this.reader = this.wire.newReader();
    this.port = new SerialPort({ path: this.path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => this.port.open((e) => (e ? reject(e) : resolve())));
    this.port.on("data", (chunk: Buffer) => {
      for (const item of this.reader.push(chunk)) if (item.kind === "frame") this.serve(item.message);
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  /** Sends a frame (id 0 for events). */
  send(type: string, id: number, fields: object = {}): void {
    this.port.write(Buffer.from(this.wire.encode(type, id, fields)));
  }

  sendText(text: string): void {
    this.port.write(Buffer.from(text));
  }

  error(id: number, codeName: string, message: string): void {
    this.send("ERROR", id, { code: this.wire.ErrorCode[codeName], message });
  }

  log(stream: number, name: string, text: string): void {
    const record = { seq: this.nextSeq++, stream, name, data: new TextEncoder().encode(text) };
    this.logRing.push(record);
    if (this.ringSize > 0 && this.logRing.length > this.ringSize) this.logRing.shift();
    // a board whose link has no room skips the event; the record stays in the history
    if (!this.skipLogEvents.has(record.seq)) this.send("LOG", 0, record);
  }

  info(): object {
    return {
      protoVersion: this.protoVersion,
      firmware: "0.0-fake",
      board: "fake",
      features: 15,
      ramTotal: 264 * 1024,
      ramFree: 200 * 1024,
      flashTotal: 1 << 20,
      flashFree: 1000 * 1024,
      maxChunk: this.chunkSize,
      window: this.window,
      resetReason: 0,
      uptimeMs: 1234,
      safeMode: false,
      modulesRunning: 0,
    };
  }

  serve(m: Message): void {
    this.received.push(m);
    const ignoring = this.ignore.get(m.type) ?? 0;
    if (ignoring > 0) {
      this.ignore.set(m.type, ignoring - 1);
      return;
    }
    switch (m.type) {
      case "HELLO":
        if (m.protoVersion !== this.protoVersion) return this.error(m.id, "VersionMismatch", `this board speaks protocol version ${this.protoVersion}`);
        return this.send("HELLO_OK", m.id, this.info());
      case "INFO":
        return this.send("INFO_OK", m.id, this.info());
      case "PING":
        return this.send("PONG", m.id, { data: m.data });
      case "LIST": {
        // two entries per reply, to make the host page
        const all = [...this.modules.values()];
        const entries = all.slice(m.first, m.first + 2);
        return this.send("LIST_OK", m.id, { total: all.length, first: m.first, count: entries.length, entries: entries.map((e) => ({ ...e, size: e.bytes.length })) });
      }
      case "LOGS": {
        const records = this.logRing.filter((r) => r.seq >= m.fromSeq).slice(0, 3);
        const nextSeq = records.length ? records[records.length - 1].seq + 1 : this.nextSeq;
        return this.send("LOGS_OK", m.id, { nextSeq, endSeq: this.nextSeq, count: records.length, records });
      }
      case "UPLOAD_BEGIN":
        return this.uploadBegin(m);
      case "UPLOAD_CHUNK":
        return this.uploadChunk(m);
      case "UPLOAD_COMMIT":
        return this.uploadCommit(m);
      case "SET_AUTOSTART": {
        const mod = this.modules.get(m.name);
        if (!mod) return this.error(m.id, "NoSuchModule", `no module named ${m.name}`);
        mod.autostart = m.on;
        return this.send("OK", m.id);
      }
      case "START":
      case "STOP":
      case "REMOVE": {
        const mod = this.modules.get(m.name);
        if (!mod) return this.error(m.id, "NoSuchModule", `no module named ${m.name}`);
        if (m.type === "REMOVE") this.modules.delete(m.name);
        else mod.state = m.type === "START" ? 1 : 4;
        return this.send("OK", m.id);
      }
      case "SAFE":
      case "RESET":
        return this.send("OK", m.id);
      default:
        return this.error(m.id, "UnknownType", `unknown request ${m.type}`);
    }
  }

  uploadBegin(m: Message): void {
    const same = this.modules.get(m.name);
    if (m.mode === 1 && same && Buffer.compare(same.sha256, m.sha256) === 0) {
      // docs/protocol.md: the host commits all the same, and the commit applies caps and autostart
      this.upload = null;
      this.skipped = m;
      if (!this.commitsSkipped) same.autostart = m.autostart; // the other way: applied at once, nothing to commit
      return this.send("UPLOAD_SKIPPED", m.id);
    }
    this.skipped = null;
    const u = this.upload;
    const resumable = u && u.begin.name === m.name && u.begin.size === m.size && Buffer.compare(u.begin.sha256, m.sha256) === 0;
    if (!resumable) this.upload = { begin: m, bytes: new Uint8Array(m.size), received: 0 };
    this.send("UPLOAD_READY", m.id, { resumeOffset: this.upload!.received, chunkSize: this.chunkSize, window: this.window });
  }

  uploadChunk(m: Message): void {
    const u = this.upload;
    if (!u) return this.error(m.id, "NoUpload", "no upload under way");
    if (this.dropChunks.delete(m.offset) || m.offset >= this.stallFrom) return;
    if (m.offset > u.received) {
      if (this.outOfOrderError) return this.error(m.id, "UploadOutOfOrder", `expected offset ${u.received}, got ${m.offset}`);
      return this.ack(m.id, u.received);
    }
    const end = m.offset + m.data.length;
    if (end > u.received) {
      u.bytes.set(m.data, m.offset);
      u.received = end;
    }
    this.ack(m.id, u.received);
  }

  ack(id: number, nextOffset: number): void {
    if (this.holdAcksMs === 0) return this.send("UPLOAD_ACK", id, { nextOffset });
    this.heldAcks.push({ id, nextOffset });
    this.maxInFlight = Math.max(this.maxInFlight, this.heldAcks.length);
    this.timer ??= setInterval(() => {
      for (const a of this.heldAcks.splice(0)) this.send("UPLOAD_ACK", a.id, { nextOffset: a.nextOffset });
    }, this.holdAcksMs);
  }

  uploadCommit(m: Message): void {
    const skipped = this.skipped;
    this.skipped = null;
    if (skipped && this.commitsSkipped) {
      const mod = this.modules.get(skipped.name)!;
      mod.caps = skipped.caps;
      mod.autostart = skipped.autostart;
      if (skipped.autostart) mod.state = 1;
      return this.send("OK", m.id);
    }
    const u = this.upload;
    if (!u || u.received < u.begin.size) return this.error(m.id, "NoUpload", "the upload is not complete");
    const sha256 = createHash("sha256").update(u.bytes).digest();
    if (Buffer.compare(sha256, u.begin.sha256) !== 0) return this.error(m.id, "HashMismatch", "the module's SHA-256 does not match");
    this.upload = null;
    const name = u.begin.name;
    const run = u.begin.mode === 0;
    // the module of that name that runs is stopped first (docs/protocol.md, "Upload")
    if (this.modules.get(name)?.state === 1) this.send("EXIT", 0, { name, kind: 2, code: 0, message: "replaced by a new upload" });
    this.modules.set(name, {
      name,
      bytes: u.bytes,
      sha256: new Uint8Array(sha256),
      caps: u.begin.caps,
      autostart: u.begin.autostart,
      state: run || u.begin.autostart ? 1 : 0,
      persisted: !run,
      lastExit: 0,
    });
    this.send("OK", m.id);
    const script = this.scripts.get(name);
    if (run && script) {
      for (const o of script.output) this.log(o.stream, name, o.text);
      this.send("EXIT", 0, { name, ...script.exit });
    }
  }
}
