// What the emulated-board tests share: the bsp-test image (built once by
// firmware/build.mjs, cached by its sources) and a session over an emulated
// board that talks bsp-test's UART0 line protocol.
import { buildFirmware, type FirmwareBuild } from "../../firmware/build.mjs";
import { EmulatedBoard, type BoardOptions } from "../../tools/rp2040-emu/board.mjs";

let built: FirmwareBuild | null = null;

/** The bsp-test image, built when its sources changed. */
export function bspTest(): FirmwareBuild {
  built ??= buildFirmware({ board: "rp2040", app: "bsp-test" });
  return built;
}

/** Resolves when `test` holds, checking every few ms; rejects after `timeoutMs` of wall time with `what`. */
export function until(test: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (test()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 2);
    };
    check();
  });
}

/** An emulated board running bsp-test, with its UART0 output split into lines. */
export class Session {
  readonly board: EmulatedBoard;
  readonly lines: string[] = [];
  private partial = "";
  private cursor = 0;

  constructor(options: BoardOptions) {
    this.board = new EmulatedBoard({ ...options });
    this.board.on("uart", (bytes: Uint8Array) => {
      this.partial += Buffer.from(bytes).toString("latin1");
      let end;
      while ((end = this.partial.indexOf("\n")) >= 0) {
        this.lines.push(this.partial.slice(0, end).replace(/\r$/, ""));
        this.partial = this.partial.slice(end + 1);
      }
    });
    this.board.start();
  }

  /** The next UART line (after those already consumed) that matches. */
  async line(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    let found: string | null = null;
    await until(
      () => {
        while (found === null && this.cursor < this.lines.length) {
          const candidate = this.lines[this.cursor++];
          if (pattern.test(candidate)) found = candidate;
        }
        return found !== null || this.board.state === "halted";
      },
      `a UART line matching ${pattern} (lines so far: ${JSON.stringify(this.lines.slice(-5))})`,
      timeoutMs,
    );
    if (found === null) throw new Error(`the board halted: ${this.board.fault?.message}`);
    return found;
  }

  /** Sends one command line on UART0 and returns the board's answer line. */
  async command(text: string, timeoutMs = 30_000): Promise<string> {
    this.cursor = this.lines.length;
    this.board.uartWrite(Buffer.from(`${text}\r\n`));
    return this.line(/./, timeoutMs);
  }

  /** The problems the board reported, as text (tests expect none). */
  problems(): string[] {
    return this.board.problems.map((p) => p.message);
  }

  close(): void {
    this.board.close();
  }
}
