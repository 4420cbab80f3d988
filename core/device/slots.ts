// The module slots: one per module loaded in RAM (running, waiting, or ended
// and kept for `ls`). A slot's engine objects live in the slot's own arena, freed
// whole when the module is stopped or replaced; the slot object itself and its
// fixed buffers are allocated once at start-up, so that nothing global ever
// points into a freed arena.
import type { i32, i64, f64, u32 } from "../types";
import { Arena } from "../arena";
import { Module } from "../engine/module";
import { Instance, Store } from "../engine/runtime";
import { Capabilities, DEFAULT_CPU_MS, MAX_PINS } from "./capabilities";
import { sameBytes } from "../text";
import { Text } from "./text";

/** How many modules can be loaded at once. */
export const MAX_SLOTS: i32 = 8;
/** The longest module name, in UTF-8 bytes. */
export const MAX_NAME: i32 = 32;
/** The longest argument text (space-separated argv after the name). */
export const MAX_ARGS: i32 = 128;
/** The longest grant text. */
const MAX_CAPS_TEXT: i32 = 128;

export enum SlotState {
  Free = 0,
  /** uploaded (run) and waiting for its commit */
  Uploading = 1,
  Running = 2,
  /** a WASI command returned or called proc_exit */
  Exited = 3,
  Trapped = 4,
  /** stopped by the host */
  Stopped = 5,
  /** refused at instantiation (a capability, an import) */
  Refused = 6,
  /** trapped, and waits to be restarted (autostarted modules) */
  Backoff = 7,
}

/** Where a running module is in its lifecycle (docs/device.md). */
export enum Phase {
  /** a reactor's `_initialize` (wasi-libc's constructors) */
  Initialize = 0,
  Setup = 1,
  /** a reactor's `loop`, called again and again */
  Loop = 2,
  /** a command's `_start` */
  Start = 3,
}

export class ModuleSlot {
  state: SlotState = SlotState.Free;
  readonly name: Uint8Array = new Uint8Array(MAX_NAME);
  nameLength: i32 = 0;
  readonly args: Uint8Array = new Uint8Array(MAX_ARGS);
  argsLength: i32 = 0;
  readonly caps: Capabilities = new Capabilities();
  /** what was uploaded (kept after the module ends, for `ls`): its size, SHA-256 and grant text */
  size: u32 = 0;
  readonly sha256: Uint8Array = new Uint8Array(32);
  readonly capsText: Uint8Array = new Uint8Array(MAX_CAPS_TEXT);
  capsLength: i32 = 0;
  /** installed in flash (else: a `run`, in RAM only) */
  persisted: boolean = false;
  /** engine objects, in `arena` */
  arena: Arena | null = null;
  bytes: Uint8Array | null = null;
  module: Module | null = null;
  store: Store | null = null;
  instance: Instance | null = null;
  /** the WASI context's registration (core/wasi/context.ts), -1 when none */
  wasiData: i32 = -1;
  phase: Phase = Phase.Start;
  /** a call is suspended (its slice ended, or it waits) */
  suspended: boolean = false;
  /** monotonic ns before which the suspended call is not resumed */
  wakeAtNs: i64 = 0n;
  /** how the module ended: an exit code, or a trap's number */
  exitCode: i32 = 0;
  /** traps in a row of an autostarted module, and when it may start again */
  failures: i32 = 0;
  restartAtNs: i64 = 0n;
  /** when it was last started (monotonic ns) */
  startedAtNs: i64 = 0n;
  /** time spent computing since it last waited (or since its reactor call began) */
  busyNs: i64 = 0n;
  /** an installed module that starts at boot */
  autostart: boolean = false;
  /** the last exit code or trap number, for `ls` */
  lastExit: i32 = 0;
  /** an EXIT event that did not fit in the outbox yet */
  exitPending: boolean = false;
  exitKind: i32 = 0;
  readonly exitMessage: Text = new Text();
  /** calls of a reactor's loop so far */
  loopCalls: f64 = 0;
  /** results of the call in progress */
  readonly results: BigInt64Array = new BigInt64Array(4);

  nameView(): Uint8Array {
    return this.name.subarray(0, this.nameLength);
  }

  argsView(): Uint8Array {
    return this.args.subarray(0, this.argsLength);
  }

  setName(b: Uint8Array): void {
    const n = b.length < MAX_NAME ? b.length : MAX_NAME;
    this.name.set(b.subarray(0, n), 0);
    this.nameLength = n;
  }

  /** Records what was uploaded into this slot (a `run`): size, SHA-256, grant text. */
  setUploaded(size: u32, sha256: Uint8Array, caps: Uint8Array): void {
    this.size = size;
    this.sha256.set(sha256.subarray(0, 32), 0);
    const n = caps.length < MAX_CAPS_TEXT ? caps.length : MAX_CAPS_TEXT;
    this.capsText.set(caps.subarray(0, n), 0);
    this.capsLength = n;
  }

  capsView(): Uint8Array {
    return this.capsText.subarray(0, this.capsLength);
  }

  setArgs(b: Uint8Array): void {
    const n = b.length < MAX_ARGS ? b.length : MAX_ARGS;
    this.args.set(b.subarray(0, n), 0);
    this.argsLength = n;
  }

  /** Forgets the grant (before a new one is parsed into caps). */
  clearCaps(): void {
    for (let p = 0; p < MAX_PINS; p++) this.caps.pins[p] = 0;
    this.caps.pinCount = 0;
    this.caps.clock = false;
    this.caps.random = false;
    this.caps.fs = false;
    this.caps.cpuMs = DEFAULT_CPU_MS;
  }
}

export const slots: ModuleSlot[] = [];
for (let i = 0; i < MAX_SLOTS; i++) slots.push(new ModuleSlot());

/** The slot holding a module of this name (in any state but Free), or -1. */
export function slotNamed(name: Uint8Array): i32 {
  for (let i = 0; i < MAX_SLOTS; i++) {
    const s = slots[i];
    if (s.state !== SlotState.Free && sameBytes(s.nameView(), name)) return i;
  }
  return -1;
}

/** Whether a module in this state has ended (its slot keeps only the outcome, for `ls`). */
export function hasEnded(state: SlotState): boolean {
  return state === SlotState.Exited || state === SlotState.Trapped || state === SlotState.Stopped || state === SlotState.Refused;
}

/** A slot a new module may take: a free one, else one whose module has ended; -1 when every slot is busy. */
export function reusableSlot(): i32 {
  for (let i = 0; i < MAX_SLOTS; i++) if (slots[i].state === SlotState.Free) return i;
  for (let i = 0; i < MAX_SLOTS; i++) if (hasEnded(slots[i].state)) return i;
  return -1;
}

/** Modules running (or waiting to resume) now. */
export function runningCount(): i32 {
  let n = 0;
  for (let i = 0; i < MAX_SLOTS; i++) if (slots[i].state === SlotState.Running) n++;
  return n;
}

/** Monotonic time of the last boot (deviceBoot sets it): millis() and micros() count from here. */
export class BootClock {
  ns: i64 = 0n;
}
export const bootClock = new BootClock();
