// The scheduler: starts modules in their slots (load, link, instantiate, each
// in its own arena), runs every running module one fuel slice per step, round
// robin, so that the protocol is served between slices, and ends them: exit,
// trap (with back-off for autostarted modules), stop.
//
// Lifecycles: a command exports `_start`, called once; a reactor exports
// `loop` (and optionally `setup`, and `_initialize` when built with
// wasi-libc), called setup once and loop again and again, one call per step.
import type { i32, u32, i64, f64 } from "../types";
import { arenaCreate, arenaFree, arenaUse, arenaUsed } from "../arena";
import { clockMonotonicNs, ramSize } from "../hal";
import { utf8 } from "../text";
import { ExternKind, Limits, Trap, trapMessage } from "../engine/types";
import { LoadError } from "../engine/module";
import { InstantiateError, InstantiateFailure } from "../engine/instantiate";
import { abandon, freeStore, getExport, instantiate, invoke, load, newStore, resume, unloadModule } from "../engine/api";
import { WasiContext, contextOf, registerContext, unregisterContext } from "../wasi/context";
import { FileTable, closeAllFiles } from "../wasi/files";
import { hex } from "../wasi/command";
import { ErrorCode, ExitKind } from "../protocol/messages";
import { Text } from "./text";
import { linkModule, linkOutcome } from "./imports";
import { sendExit, wasiSink } from "./output";
import { moduleFolder } from "./folder";
import { MAX_SLOTS, ModuleSlot, Phase, SlotState, slots } from "./slots";

/** Fuel per slice: about a millisecond of work on a board, so the host is answered promptly. */
export const SLICE_FUEL: i32 = 20000;
/** The fuel a module's instantiation (its Wasm start function) may use: it runs before slicing starts. */
const START_FUEL: f64 = 50000000;
/** RAM kept for the supervisor when a module's memory budget is set (moduleLimits). */
const SUPERVISOR_RESERVE: u32 = 16384;
/** Back-off after the n-th trap in a row of an autostarted module: 1 s, doubling, at most a minute. */
const FIRST_BACKOFF_NS: i64 = 1000000000n;
const MAX_BACKOFF_NS: i64 = 60000000000n;
/** An autostarted module that ran this long without trapping has its back-off forgotten. */
const HEALTHY_NS: i64 = 10000000000n;

const START = utf8("_start");
const INITIALIZE = utf8("_initialize");
const SETUP = utf8("setup");
const LOOP = utf8("loop");
const NO_ARGS = new BigInt64Array(0);
// the messages of an exit and a stop, made once: in C, a Text made per exit outside the module's arena is never freed
const NO_MESSAGE = new Text();
const STOPPED_BY_HOST = new Text().add("stopped by the host");

/** The limits of one module: its memory within the board's RAM, a value stack and call depth a board can hold. */
/**
 * The limits of a module that starts in slot `s`: its linear memory may grow
 * to the RAM the other modules leave (less a reserve for the supervisor), so
 * that a memory.grow bomb gets -1 from memory.grow rather than the board's
 * last bytes.
 */
function moduleLimits(s: ModuleSlot): Limits {
  const l = new Limits();
  l.fuel = START_FUEL;
  l.maxMemoryBytes = ramLeft(s, SUPERVISOR_RESERVE);
  l.maxTableElements = 10000;
  l.maxCallDepth = 1000;
  l.valueStackSlots = 16384;
  return l;
}

function hasFunction(s: ModuleSlot, name: Uint8Array): boolean {
  const e = getExport(s.instance!, name);
  return e !== null && e.kind === ExternKind.Func;
}

/** argv for WASI: the name, then the 0x00-terminated arguments of the upload. */
function argvOf(s: ModuleSlot): Uint8Array[] {
  const argv: Uint8Array[] = [s.nameView().slice()];
  const a = s.argsView();
  let start = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== 0) continue;
    argv.push(a.slice(start, i));
    start = (i + 1) | 0;
  }
  return argv;
}

/**
 * Frees the slot's engine objects and arena; the slot keeps its name and
 * outcome for `ls`. Files the module left open are saved first.
 */
export function releaseSlot(s: ModuleSlot): void {
  if (s.wasiData >= 0 && contextOf(s.wasiData).files !== null) closeAllFiles(contextOf(s.wasiData).files!);
  if (s.store !== null) {
    if (s.suspended) abandon(s.store!);
    freeStore(s.store!);
  }
  if (s.module !== null) unloadModule(s.module!);
  if (s.wasiData >= 0) unregisterContext(s.wasiData);
  if (s.arena !== null) arenaFree(s.arena!);
  s.arena = null;
  s.bytes = null;
  s.module = null;
  s.store = null;
  s.instance = null;
  s.wasiData = -1;
  s.suspended = false;
}

/**
 * RAM the module in slot `s` holds: its linear memories, value stack, call
 * frames and internal code (buffers in arenas of their own, so under
 * JavaScript too), and what its own arena holds (the module's bytes, the
 * engine's structures; counted in the C build only, where arenas are real).
 */
function slotRamUsed(s: ModuleSlot): f64 {
  let used: f64 = s.arena === null ? 0 : arenaUsed(s.arena!);
  if (s.module !== null && s.module!.compiled !== null) used += s.module!.compiled!.storage.buf.byteLength;
  if (s.store !== null) {
    const store = s.store!;
    for (const m of store.memories) used += m.storage.buf.byteLength;
    used += store.thread.stackStorage.buf.byteLength + store.thread.frameStorage.buf.byteLength;
  }
  return used;
}

/** The board's RAM for modules (ramSize) less what the modules in other slots than `except` hold and `reserve`. */
export function ramLeft(except: ModuleSlot | null, reserve: u32): u32 {
  let used: f64 = reserve;
  for (let i = 0; i < MAX_SLOTS; i++) if (slots[i] !== except) used += slotRamUsed(slots[i]);
  return used >= ramSize() ? 0 : (ramSize() - used) >>> 0;
}

/**
 * Gives slot `s` a fresh arena and a buffer of `size` bytes in it for the
 * module's bytes (an upload writes into it, or the store reads into it).
 */
export function prepareSlot(s: ModuleSlot, size: u32): Uint8Array {
  releaseSlot(s);
  s.arena = arenaCreate((size + 4096) >>> 0);
  const previous = arenaUse(s.arena);
  s.bytes = new Uint8Array(size);
  arenaUse(previous);
  return s.bytes!;
}

/** Ends the module in slot `s` and tells the host. */
function finish(s: ModuleSlot, state: SlotState, kind: i32, code: i32, message: Text): void {
  releaseSlot(s);
  s.state = state;
  if (!sendExit(s.nameView(), kind, code, message.view())) {
    // the outbox is full: the EXIT event goes out on a later step
    s.exitPending = true;
    s.exitKind = kind;
    s.exitCode = code;
    s.exitMessage.clear().addBytes(message.view());
  }
}

/**
 * Loads, links and instantiates the module whose bytes are in s.bytes, and
 * makes it runnable. Returns 0, or the protocol's ErrorCode (InvalidModule,
 * CapabilityDenied, ...) with `err` saying why, after an EXIT event of kind
 * Refused.
 */
export function startSlot(s: ModuleSlot, err: Text): i32 {
  const previous = arenaUse(s.arena);
  // the reason is written in the slot's arena, which finish() frees: `err` is
  // the caller's and must not grow into it (its bytes would dangle)
  const why = new Text();
  const code = instantiateSlot(s, why);
  arenaUse(previous);
  if (code !== 0) {
    err.addBytes(why.view());
    finish(s, SlotState.Refused, ExitKind.Refused, 0, err);
    return code;
  }
  s.state = SlotState.Running;
  s.startedAtNs = clockMonotonicNs();
  s.busyNs = 0n;
  return 0;
}

/** The load error's text, as the host's own check words it (tools/cli). */
export function loadErrorText(e: LoadError, err: Text): Text {
  return err.add("not a valid module: at byte 0x" + hex(e.offset) + ": " + e.message);
}

function instantiateSlot(s: ModuleSlot, err: Text): i32 {
  const loadError = new LoadError();
  const m = load(s.bytes!, loadError);
  if (m === null) {
    loadErrorText(loadError, err);
    return ErrorCode.InvalidModule;
  }
  s.module = m;
  const limits = moduleLimits(s);
  const store = newStore(limits);
  s.store = store;
  const ctx = new WasiContext(argvOf(s), []);
  ctx.sink = wasiSink;
  ctx.sinkData = slotIndex(s);
  // a host terminal shows the output: libc line-buffers it, so lines arrive as they are printed
  ctx.terminal = 1;
  if (s.caps.fs) ctx.files = new FileTable(moduleFolder(slotIndex(s)));
  s.wasiData = registerContext(ctx);
  if (s.wasiData < 0) {
    err.add("too many modules are loaded");
    return ErrorCode.Busy;
  }
  const imports = linkModule(store, m, slotIndex(s), s.wasiData, s.caps, err);
  if (imports === null) return linkOutcome.capabilityDenied ? ErrorCode.CapabilityDenied : ErrorCode.InvalidModule;
  const ierr = new InstantiateError();
  const inst = instantiate(store, m, imports, ierr);
  if (inst === null) {
    if (ierr.failure === InstantiateFailure.Trapped) err.add("its start function trapped: " + ierr.message);
    else err.add("cannot instantiate it: " + ierr.message);
    if (ierr.failure === InstantiateFailure.LimitExceeded) {
      err.add(" (what this board allows now: memory is bounded by the RAM the running modules leave, tables by " + limits.maxTableElements + " elements; stop a module, or build this one smaller)");
      return ErrorCode.TooLarge;
    }
    return ErrorCode.InvalidModule;
  }
  s.instance = inst;
  // from now on the module runs in slices, with no overall fuel budget
  limits.fuel = 0;
  store.thread.slice = SLICE_FUEL;
  s.loopCalls = 0;
  s.suspended = false;
  s.wakeAtNs = 0n;
  if (hasFunction(s, START)) {
    s.phase = Phase.Start;
  } else if (hasFunction(s, LOOP)) {
    s.phase = hasFunction(s, INITIALIZE) ? Phase.Initialize : hasFunction(s, SETUP) ? Phase.Setup : Phase.Loop;
  } else {
    err.add("it exports neither _start (a command) nor loop (a reactor)");
    return ErrorCode.InvalidModule;
  }
  return 0;
}

function slotIndex(s: ModuleSlot): i32 {
  for (let i = 0; i < MAX_SLOTS; i++) if (slots[i] === s) return i;
  return -1;
}

function phaseExport(p: Phase): Uint8Array {
  switch (p) {
    case Phase.Initialize:
      return INITIALIZE;
    case Phase.Setup:
      return SETUP;
    case Phase.Loop:
      return LOOP;
  }
  return START;
}

/** Stops the module in slot `s` (the host's STOP, REMOVE, SAFE, or a replacement). */
export function stopSlot(s: ModuleSlot): void {
  if (s.state !== SlotState.Running && s.state !== SlotState.Backoff) return;
  finish(s, SlotState.Stopped, ExitKind.Stopped, 0, STOPPED_BY_HOST);
}

/** Stops the module in slot `s` if it runs, frees its engine objects and empties the slot. */
export function discardSlot(s: ModuleSlot): void {
  stopSlot(s);
  releaseSlot(s);
  s.state = SlotState.Free;
}

/**
 * Runs one slice of the module in slot `s` if it is running and not waiting.
 * Returns the monotonic time it next needs a step at (0: at once; -1: never,
 * it is not running).
 */
export function stepSlot(s: ModuleSlot, now: i64): i64 {
  if (s.exitPending) {
    if (sendExit(s.nameView(), s.exitKind, s.exitCode, s.exitMessage.view())) s.exitPending = false;
    else return 0n;
  }
  if (s.state !== SlotState.Running) return -1n;
  if (s.suspended && s.wakeAtNs > now) return s.wakeAtNs;
  const store = s.store!;
  const t = store.thread;
  const previous = arenaUse(s.arena);
  const began = clockMonotonicNs();
  let trap: i32 = Trap.None;
  if (s.suspended) {
    s.suspended = false;
    trap = resume(store, s.results);
  } else {
    trap = invoke(s.instance!, phaseExport(s.phase), NO_ARGS, s.results);
  }
  arenaUse(previous);
  const after = clockMonotonicNs();
  s.busyNs = BigInt.asIntN(64, s.busyNs + (after - began));
  let overBudget = false;
  if (trap === Trap.Yield) {
    s.suspended = true;
    s.wakeAtNs = t.wakeAtNs;
    t.wakeAtNs = 0n;
    // a wait the module asked for (delay, sleep) ends its computing; a slice used up or a full link does not
    if (s.wakeAtNs > after) s.busyNs = 0n;
    overBudget = s.caps.cpuMs > 0 && s.busyNs > BigInt(s.caps.cpuMs) * 1000000n;
    if (!overBudget) return s.wakeAtNs > now ? s.wakeAtNs : 0n;
    trap = Trap.OutOfFuel;
  }
  if (trap === Trap.None) {
    // a reactor's call returned: the next one has a budget of its own
    s.busyNs = 0n;
    switch (s.phase) {
      case Phase.Initialize:
        s.phase = hasFunction(s, SETUP) ? Phase.Setup : Phase.Loop;
        return 0n;
      case Phase.Setup:
        s.phase = Phase.Loop;
        return 0n;
      case Phase.Loop:
        s.loopCalls += 1;
        if (s.failures > 0 && BigInt.asIntN(64, now - s.startedAtNs) > HEALTHY_NS) s.failures = 0;
        return 0n;
    }
    s.lastExit = 0;
    finish(s, SlotState.Exited, ExitKind.Exited, 0, NO_MESSAGE);
    return -1n;
  }
  if (trap === Trap.Exit) {
    s.lastExit = t.exitCode;
    finish(s, SlotState.Exited, ExitKind.Exited, t.exitCode, NO_MESSAGE);
    return -1n;
  }
  const text = trap === Trap.HostError ? t.trapText : trapMessage(trap);
  s.lastExit = trap;
  const message = new Text().add(text);
  if (overBudget) {
    message.clear().add("used its CPU budget: computed for " + s.caps.cpuMs + " ms without waiting (a loop should wait, e.g. with delay(); grant more with --allow cpu=<ms>, or cpu=0 for no limit)");
  }
  if (s.persisted && s.autostart) {
    // an autostarted module is restarted, after a pause that doubles with each trap in a row
    let pause: i64 = FIRST_BACKOFF_NS;
    for (let i = 0; i < s.failures && pause < MAX_BACKOFF_NS; i++) pause = BigInt.asIntN(64, pause * 2n);
    if (pause > MAX_BACKOFF_NS) pause = MAX_BACKOFF_NS;
    s.failures++;
    s.restartAtNs = BigInt.asIntN(64, now + pause);
    message.add(" (restarting in " + Number(pause / 1000000n) + " ms)");
    finish(s, SlotState.Backoff, ExitKind.Trapped, trap, message);
    return s.restartAtNs;
  }
  finish(s, SlotState.Trapped, ExitKind.Trapped, trap, message);
  return -1n;
}

/** How long the port may wait before the next step, given the earliest time a slot needs one (-1: none). */
export function earliest(a: i64, b: i64): i64 {
  if (a < 0n) return b;
  if (b < 0n) return a;
  return a < b ? a : b;
}

/** Frees every slot (a reset, in the simulator that keeps running). */
export function releaseAll(): void {
  for (let i = 0; i < MAX_SLOTS; i++) {
    releaseSlot(slots[i]);
    slots[i].state = SlotState.Free;
    slots[i].exitPending = false;
    slots[i].failures = 0;
  }
}
