// The native posix firmware (ports/posix/firmware-main.c with device-hal.c):
// its build, cached under build/native/ like the engines of engines.mjs, and
// its launch as a board on a pseudo-terminal for `wasmcu sim --native`, the
// hardware-in-the-loop suite and the tests.
//
// The process's stdout is the simulator interface of the issue-4 contract:
// the pty's path alone on the first line, then one JSON event a line
// ({"event":"gpio"|"reset"|"ready", ...}). Options: see device-hal.c.
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { buildStcProgram, cFlags, sourcesUnder } from "./build-cache.mjs";
import { root, StepError } from "./sts-run.mjs";

export { StepError };

const outDir = join(root, "build/native");

/** The firmware's STS entries: the real one (the supervisor) and the pty test monitor. */
const entries = {
  firmware: "ports/posix/firmware.ts",
  test: "ports/posix/test-firmware.ts",
};

/**
 * Builds (when stale) the native firmware and returns the program's path.
 * `entry`: "firmware" (core/device's supervisor, the default) or "test" (the
 * pty test monitor of ports/posix/test-firmware.ts); `debug` keeps stc's
 * run-time checks (a failed one restarts the board with reason Panic).
 */
export function buildNativeFirmware({ debug = false, entry = "firmware", log = () => {} } = {}) {
  const source = entries[entry];
  if (source === undefined) throw new StepError(`no native firmware entry '${entry}' (${Object.keys(entries).join(", ")})`);
  const name = `wasmcu-${entry}${debug ? "-debug" : ""}`;
  return buildStcProgram({
    name,
    what: "the native firmware",
    entry: source,
    generated: "wasmcu-firmware.c",
    mainC: "ports/posix/firmware-main.c",
    outDir,
    sources: [
      ...sourcesUnder("core", [".ts"]),
      ...sourcesUnder("ports/posix", [".ts", ".c", ".h"]),
      ...sourcesUnder("tools/stc", [".ts", ".mjs", ".h"]),
    ],
    flags: cFlags(debug),
    log,
  });
}

/** The command-line options of the firmware for startNativeBoard's options. */
export function nativeBoardArgs({ board, flash, baud, link, watchdogMs, flashTiming = false, exitWithParent = true } = {}) {
  const args = [];
  if (flashTiming) args.push("--flash-timing");
  if (board !== undefined) args.push("--board", String(board));
  if (flash !== undefined) args.push("--flash", String(flash));
  if (baud !== undefined) args.push("--baud", String(baud));
  if (link !== undefined) args.push("--link", String(link));
  if (watchdogMs !== undefined) args.push("--watchdog-ms", String(watchdogMs));
  if (exitWithParent) args.push("--exit-with-parent");
  return args;
}

/**
 * Starts a native board and resolves once it has printed its pty path:
 *   { path, child, events, history, stderr(), waitFor(pred, timeoutMs), stop() }
 * - events: an EventEmitter; "event" for each JSON line (also emitted under
 *   its own name: "gpio", "reset", "ready"), "line" for any other stdout line,
 *   "stderr" for each chunk of stderr (the board's diagnostics: flash rule
 *   violations, panics), "exit" (code, signal) when the process ends.
 * - history: every JSON event so far, in order.
 * - waitFor(pred, timeoutMs = 10000): the first event of history at or after
 *   index `from` (third argument, default 0) for which pred(event) holds,
 *   waiting for it; rejects on timeout or exit.
 * - stop(): SIGTERM (the firmware removes its --link symlink), SIGKILL after
 *   2 s; resolves when the process has ended.
 * Options: board ("rp2040" | "esp32"), flash (file), baud (0 = unlimited, the
 * default), link (symlink path), watchdogMs, flashTiming (programs and erases
 * take a real chip's time, in steps a kill can tear: device-hal.c), debug, entry (see
 * buildNativeFirmware), binary (skip the build), stderr ("pipe", the default,
 * or "inherit"), log (build messages).
 */
export function startNativeBoard(options = {}) {
  const binary =
    options.binary ?? buildNativeFirmware({ debug: options.debug, entry: options.entry, log: options.log });
  const child = spawn(binary, nativeBoardArgs(options), {
    stdio: ["ignore", "pipe", options.stderr === "inherit" ? "inherit" : "pipe"],
  });
  const events = new EventEmitter();
  events.on("error", () => {}); // an "error" without listeners would throw
  const history = [];
  let stderrText = "";
  let exited = null;
  if (child.stderr) {
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      stderrText += chunk;
      events.emit("stderr", chunk);
    });
  }
  const exitPromise = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      events.emit("exit", code, signal);
      resolve(exited);
    });
  });
  const lines = createInterface({ input: child.stdout });

  function waitFor(pred, timeoutMs = 10000, from = 0) {
    for (let i = from; i < history.length; i++) if (pred(history[i])) return Promise.resolve(history[i]);
    return new Promise((resolve, reject) => {
      const onEvent = (e) => {
        if (!pred(e)) return;
        done();
        resolve(e);
      };
      const onExit = (code, signal) => {
        done();
        reject(new Error(`the native board exited (${signal ?? code}) before the event${tail()}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such event from the native board within ${timeoutMs} ms${tail()}`));
      }, timeoutMs);
      function done() {
        clearTimeout(timer);
        events.off("event", onEvent);
        events.off("exit", onExit);
      }
      if (exited) return onExit(exited.code, exited.signal);
      events.on("event", onEvent);
      events.on("exit", onExit);
    });
  }
  const tail = () => (stderrText ? `; its stderr:\n${stderrText.trim()}` : "");

  async function stop() {
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) child.kill("SIGKILL");
      }, 2000);
      await exitPromise;
      clearTimeout(timer);
    }
    return exited;
  }

  return new Promise((resolve, reject) => {
    let path = null;
    // lines that came with the path (one chunk) wait until the caller, resumed
    // by the resolved promise, has attached its listeners
    let held = [];
    lines.on("line", (line) => {
      if (path === null) {
        path = line;
        resolve({ path, child, events, history, stderr: () => stderrText, waitFor, stop });
        setImmediate(() => {
          const early = held;
          held = null;
          for (const l of early) onLine(l);
        });
        return;
      }
      if (held !== null) held.push(line);
      else onLine(line);
    });
    function onLine(line) {
      let event = null;
      if (line.startsWith("{")) {
        try {
          event = JSON.parse(line);
        } catch {
          event = null;
        }
      }
      if (event === null || typeof event.event !== "string") {
        events.emit("line", line);
        return;
      }
      history.push(event);
      events.emit("event", event);
      events.emit(event.event, event);
    }
    child.on("error", (e) => reject(new StepError(`cannot start the native firmware ${binary}: ${e.message}`)));
    exitPromise.then(({ code, signal }) => {
      if (path === null) {
        reject(new StepError(`the native firmware exited (${signal ?? code}) before printing its pty path${tail()}`));
      }
    });
  });
}
