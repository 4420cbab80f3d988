// The byte pipe to a board: a serial port (a USB CDC or UART bridge, or the
// pseudo-terminal of a simulator) opened with node serialport.
//
// What it promises, as esptool and mpremote do:
//   - it never toggles DTR/RTS unless asked (`dtr`/`rts` options): many boards
//     reset on those lines. `hupcl: false` keeps the lines as they are when the
//     port closes. Linux raises DTR on open whatever we do; that does not reset
//     the boards that reset on an edge of DTR+RTS together.
//   - input that was waiting before we opened (a half-sent frame, an old
//     banner) is dropped, so the first bytes we read answer what we sent
//     (serialport's open flushes once while it sets the line up; we flush
//     again after setting DTR/RTS, which may have made a board talk).
//   - close() waits for what was written to leave (2 s at most) and never throws.
import { SerialPort } from "serialport";

export const DEFAULT_BAUD = 115200;
/** How long close() waits for written bytes to leave. */
const DRAIN_TIMEOUT_MS = 2000;

/** Why a port could not be opened (the CLI exits 3 on it). */
export class PortError extends Error {
  constructor(path, message) {
    super(message);
    this.name = "PortError";
    this.path = path;
  }
}

/** Node's callback style, as a promise (serialport's stream methods take callbacks). */
function call(port, method, ...args) {
  return new Promise((resolve, reject) => port[method](...args, (e) => (e ? reject(e) : resolve())));
}

/** "Permission denied" for "Error: Permission denied, cannot open /dev/ttyACM0". */
function reason(e) {
  return String(e && e.message ? e.message : e)
    .replace(/^Error: /, "")
    .replace(/, cannot (open|set).*$/, "");
}

export class Transport {
  /**
   * Opens `path`. Options: baud (default 115200), dtr/rts (true/false: set that
   * line after opening; undefined: leave it alone), warn(message) for what went
   * wrong but does not stop us (a pty has no modem lines).
   */
  static async open(path, { baud = DEFAULT_BAUD, dtr, rts, warn = () => {} } = {}) {
    const port = new SerialPort({ path, baudRate: baud, hupcl: false, autoOpen: false });
    try {
      await call(port, "open");
    } catch (e) {
      let why = reason(e);
      if (/permission/i.test(why)) why += " (add yourself to the group that owns it, e.g. `dialout`, or fix its permissions)";
      else if (/no such file/i.test(why)) why += " (is the board connected? without --port, wasmcu looks for it)";
      // serialport locks the port (flock): one program at a time talks to a board
      else if (/lock|busy/i.test(why)) why = "another program has it open (a `wasmcu logs --follow`, a serial monitor): close that first";
      throw new PortError(path, `cannot open ${path}: ${why}`);
    }
    const transport = new Transport(port, path);
    const lines = {};
    if (dtr !== undefined) lines.dtr = dtr;
    if (rts !== undefined) lines.rts = rts;
    if (Object.keys(lines).length > 0) {
      try {
        await call(port, "set", lines);
      } catch (e) {
        // a pseudo-terminal (the simulator) has no modem lines: ENOTTY
        warn(`cannot set ${Object.keys(lines).join("/").toUpperCase()} on ${path}: ${reason(e)} (a simulator's pty has no such lines)`);
      }
    }
    try {
      await call(port, "flush");
    } catch (e) {
      warn(`cannot flush ${path}: ${reason(e)}`);
    }
    return transport;
  }

  constructor(port, path) {
    this.port = port;
    this.path = path;
    this.closed = false;
    this.dataListeners = [];
    this.closeListeners = [];
    port.on("data", (chunk) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      for (const listener of this.dataListeners) listener(bytes);
    });
    // an unplugged board or a simulator that went away
    port.on("close", () => this.ended(null));
    port.on("error", (e) => this.ended(e));
  }

  ended(error) {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener(error);
  }

  /** listener(bytes: Uint8Array) for every chunk read. */
  onData(listener) {
    this.dataListeners.push(listener);
  }

  /** listener(error|null) once, when the port closes (by close() or by going away). */
  onClose(listener) {
    this.closeListeners.push(listener);
  }

  /** Queues bytes to write; resolves once the driver took them. */
  write(bytes) {
    if (this.closed) return Promise.reject(new PortError(this.path, `${this.path} is closed`));
    return new Promise((resolve, reject) => {
      // a copy: the caller may reuse its buffer before the driver took the bytes
      this.port.write(Buffer.from(bytes), (e) => (e ? reject(e) : resolve()));
    });
  }

  /** Waits for written bytes to leave, then closes. Never rejects. */
  async close() {
    if (!this.port.isOpen) {
      this.ended(null);
      return;
    }
    // a board that stopped reading never lets the bytes leave: close all the same after a while
    let timer;
    const stuck = new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_TIMEOUT_MS)));
    await Promise.race([call(this.port, "drain").catch(() => {}), stuck]);
    clearTimeout(timer);
    try {
      await call(this.port, "close");
    } catch {
      // already closed by the other side
    }
    this.ended(null);
  }
}
