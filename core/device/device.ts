// The supervisor's entry points, which every port calls: deviceBoot() once
// after a reset, then deviceStep() for ever (README.md of core/device, and
// the contract in docs/protocol.md). A step reads what the host sent, serves
// it, runs one slice of each running module and writes what is ready; it
// never waits, so a port's main loop decides how to idle.
import type { i32, i64 } from "../types";
import { ResetReason, boardName, clockMonotonicNs, reset, resetReason, watchdogFeed } from "../hal";
import { ReadEvent } from "../protocol/frame";
import { BODY_OFFSET } from "../protocol/frame";
import { flushLink, inboxBytes, outboxPending, readLink, reader, resetLink, sendText } from "./link";
import { resetLogRing } from "./logring";
import { Text } from "./text";
import { MAX_SLOTS, SlotState, bootClock, slots } from "./slots";
import { earliest, releaseAll, stepSlot } from "./scheduler";
import { FIRMWARE_VERSION, reportCorruptFrame, serve, startInstalled, supervisor } from "./server";
import { StoreError } from "./store";
import { folders } from "./folder";
import { abandonUpload, upload } from "./upload";
import { logOutput, LogStream } from "./output";

/**
 * Autostart waits this long after boot: a host that sends SAFE within it
 * (`wasmcu safe` while the board resets) stops a module that would crash the
 * board from ever starting.
 */
const AUTOSTART_DELAY_NS: i64 = 1000000000n;
/** The longest a port waits between steps when nothing is due (the watchdog is fed each step). */
const IDLE_NS: i64 = 100000000n;
/** How soon to come back while output waits for the port. */
const OUTPUT_POLL_NS: i64 = 1000000n;

class BootState {
  autostartAtNs: i64 = 0n;
  autostartDone: boolean = false;
}
const boot = new BootState();
const storeError = new StoreError();
const noBytes = new Uint8Array(0);

function resetReasonName(r: i32): string {
  switch (r) {
    case ResetReason.Software:
      return "software";
    case ResetReason.Watchdog:
      return "watchdog";
    case ResetReason.Panic:
      return "panic";
  }
  return "power-on";
}

/** A supervisor line in the log (stream Supervisor, no module name). */
function note(t: Text): void {
  logOutput(noBytes, LogStream.Supervisor, t.bytes, 0, t.length, true);
}

/** Starts the supervisor: after power-on, a reset, or the simulator's restart. */
export function deviceBoot(): void {
  resetLink();
  resetLogRing();
  releaseAll();
  upload.active = false;
  const now = clockMonotonicNs();
  bootClock.ns = now;
  supervisor.bootNs = Number(now);
  supervisor.safeMode = false;
  supervisor.resetPending = false;
  supervisor.bootloaderPending = false;
  const name = new Uint8Array(32);
  supervisor.board = name.slice(0, boardName(name));
  const reason = resetReason();
  // a boot banner, outside frames: a serial terminal shows it, the host tool prints it as "board: ..."
  sendText(new Text().add("wasmcu " + FIRMWARE_VERSION + " on ").addBytes(supervisor.board).add(" (reset: " + resetReasonName(reason) + ")\r\n").view());
  supervisor.storeMounted = supervisor.store.mount(storeError);
  if (!supervisor.storeMounted) note(new Text().add("the module store could not be mounted: " + storeError.message));
  folders.store = supervisor.storeMounted ? supervisor.store : null;
  // bootloop protection: after a crash, nothing starts by itself
  boot.autostartDone = reason === ResetReason.Watchdog || reason === ResetReason.Panic;
  if (boot.autostartDone) note(new Text().add("reset by " + resetReasonName(reason) + ": autostart skipped (start modules with `wasmcu start`)"));
  boot.autostartAtNs = BigInt.asIntN(64, now + AUTOSTART_DELAY_NS);
  flushLink();
}

function autostart(): void {
  boot.autostartDone = true;
  if (!supervisor.storeMounted || supervisor.safeMode) return;
  const all = supervisor.store.list();
  for (let i = 0; i < all.length; i++) {
    if (!all[i].autostart) continue;
    const e = new Text();
    if (startInstalled(all[i], e) !== 0) note(new Text().add("autostart of ").addBytes(all[i].name()).add(" failed: ").addBytes(e.view()));
  }
}

/** Reads and serves every request that has arrived. */
function serveLink(): void {
  for (let n = readLink(); n > 0; n = readLink()) {
    const bytes = inboxBytes();
    for (let i = 0; i < n; i++) {
      const ev = reader.push(bytes[i]);
      if (ev === ReadEvent.Frame) serve(reader.type, reader.id, reader.buffer, BODY_OFFSET, reader.bodyLength);
      else if (ev === ReadEvent.Corrupt) reportCorruptFrame();
      // text from the host (someone typing into a terminal) is ignored
    }
    flushLink();
  }
}

/**
 * One turn of the main loop. Returns how long (ns) the port may wait before
 * the next step, unless bytes arrive from the host sooner: 0 = at once.
 */
export function deviceStep(): i64 {
  watchdogFeed();
  serveLink();
  let now = clockMonotonicNs();
  if (!boot.autostartDone && now >= boot.autostartAtNs) autostart();
  let next: i64 = boot.autostartDone ? -1n : boot.autostartAtNs;
  for (let i = 0; i < MAX_SLOTS; i++) {
    const s = slots[i];
    if (s.state === SlotState.Backoff && now >= s.restartAtNs) restart(i);
    if (s.state === SlotState.Backoff) next = earliest(next, s.restartAtNs);
    next = earliest(next, stepSlot(s, now));
    serveLink();
  }
  flushLink();
  if (supervisor.resetPending && !outboxPending()) {
    abandonUpload(supervisor.store);
    reset(supervisor.bootloaderPending ? ResetReason.Bootloader : ResetReason.Software);
    return 0n;
  }
  now = clockMonotonicNs();
  let wait: i64 = next < 0n ? IDLE_NS : next <= now ? 0n : BigInt.asIntN(64, next - now);
  if (wait > IDLE_NS) wait = IDLE_NS;
  if (outboxPending() && wait > OUTPUT_POLL_NS) wait = OUTPUT_POLL_NS;
  return wait;
}

/** Restarts an autostarted module after its back-off. */
function restart(i: i32): void {
  const s = slots[i];
  const m = supervisor.storeMounted ? supervisor.store.find(s.nameView()) : null;
  if (m === null || supervisor.safeMode) {
    s.state = SlotState.Stopped;
    return;
  }
  const e = new Text();
  if (startInstalled(m!, e) !== 0) note(new Text().add("restart of ").addBytes(s.nameView()).add(" failed: ").addBytes(e.view()));
}
