// A pair of connected pseudo-terminals made by socat: what one side writes the
// other reads, as a host and a board on a serial line.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PtyPair {
  /** the host's end */
  host: string;
  /** the board's end */
  board: string;
  stop(): Promise<void>;
}

export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), "wasmcu-pty-"));
  const host = join(dir, "host");
  const board = join(dir, "board");
  const socat: ChildProcess = spawn("socat", [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${board}`], { stdio: "ignore" });
  const started = Date.now();
  while (!(existsSync(host) && existsSync(board))) {
    if (socat.exitCode !== null || Date.now() - started > 5000) throw new Error("socat did not make its pty pair (apt-get install socat)");
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    host,
    board,
    async stop() {
      if (socat.exitCode === null) {
        const exited = new Promise((r) => socat.once("exit", r));
        socat.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
