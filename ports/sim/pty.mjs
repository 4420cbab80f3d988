// A pseudo-terminal for a simulated serial link (the simulated board, the
// emulated Pico's USB CDC and UART0, the fault proxy's host side): socat makes
// it, `pty,raw,echo=0` on one side and socat's stdin/stdout pipes on the
// other, which the caller reads and writes. The caller's process also holds
// the pty's slave side open, so that a terminal closing the port does not
// hang up the master (a board does not notice a host closing its port
// either); `link` is an optional symlink to the pty's path.
import { spawn } from "node:child_process";
import { constants as fsc, openSync, rmSync, symlinkSync } from "node:fs";

/** Starts socat with a fresh pty; resolves to { child, path } once the pty exists. */
function socatPty() {
  return new Promise((resolve, reject) => {
    const child = spawn("socat", ["-d", "-d", "pty,raw,echo=0", "STDIO"], { stdio: ["pipe", "pipe", "pipe"] });
    let said = "";
    let settled = false;
    child.on("error", (e) => {
      settled = true;
      reject(new Error(e.code === "ENOENT" ? "socat is not installed: run `npm run setup` (or `apt-get install socat`)" : `socat: ${e.message}`));
    });
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`socat exited (${code}) before making a pty: ${said.trim()}`));
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text) => {
      if (settled) return;
      said += text;
      const found = /PTY is (\S+)/.exec(said);
      if (found) {
        settled = true;
        resolve({ child, path: found[1] });
      }
    });
  });
}

/**
 * Opens a pty: resolves to { child (socat: write to its stdin, read its
 * stdout), path, slaveFd (held open: close it when done) }, with `link`
 * pointing to path when given (remove it when done).
 */
export async function openPty({ link = null } = {}) {
  const { child, path } = await socatPty();
  const slaveFd = openSync(path, fsc.O_RDWR | fsc.O_NOCTTY | fsc.O_NONBLOCK);
  if (link) {
    rmSync(link, { force: true });
    symlinkSync(path, link);
  }
  return { child, path, slaveFd };
}
