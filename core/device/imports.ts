// Linking a module on the device: its imports from wasi_snapshot_preview1
// (core/wasi) and from wasmcu (this file: GPIO, time, delay, log), each
// checked against the module's capabilities. Anything else is refused with a
// message that names the import and what to do.
import type { i32, u32, i64 } from "../types";
import { clockMonotonicNs, gpioMode, gpioRead, gpioWrite, sleepNs } from "../hal";
import { ExternKind, FuncType, Trap, ValType, funcTypeEquals } from "../engine/types";
import { Module } from "../engine/module";
import { ImportBinding, Store, Thread } from "../engine/runtime";
import type { HostFunc } from "../engine/runtime";
import { hostFunction } from "../engine/api";
import { WASI_MODULE, wasiFunction, wasiStub } from "../wasi/link";
import { argI32, guestMemory, inBounds } from "../wasi/memory";
import { Capabilities, Capability, capabilityName, grantHint } from "./capabilities";
import { sameBytes, utf8 } from "../text";
import { Text, isWord } from "./text";
import { bootClock, slots } from "./slots";
import { LogStream, moduleOutput } from "./output";

/** "wasmcu" */
export const WASMCU_MODULE = utf8("wasmcu");

/** The longest record one wasmcu.log call makes; the rest of a longer text is cut. */
const MAX_LOG_RECORD: u32 = 512;

class DeviceFunction {
  constructor(
    readonly name: Uint8Array,
    readonly type: FuncType,
    readonly fn: HostFunc,
    readonly capability: Capability,
  ) {}
}

const I32 = ValType.I32;
const I64 = ValType.I64;
const NONE = new Uint8Array(0);

function resultI32(t: Thread, base: i32, v: i32): i32 {
  t.i32[base << 1] = v;
  t.i32[(base << 1) + 1] = 0;
  return Trap.None;
}

/** The trap for a pin the module was not granted. */
function pinNotGranted(t: Thread, caps: Capabilities, pin: i32): i32 {
  t.trapText = "gpio: pin " + pin + " is not granted to this module (granted: " + caps.pinList() + ")";
  return Trap.HostError;
}

/** gpio_mode(pin, mode) -> 0, or -1 when the mode is unknown or the board cannot. */
function gpioModeFn(t: Thread, base: i32, data: i32): i32 {
  const pin = argI32(t, base, 0);
  const mode = argI32(t, base, 1);
  const caps = slots[data].caps;
  if (!caps.pinGranted(pin)) return pinNotGranted(t, caps, pin);
  if (mode < 0 || mode > 3) return resultI32(t, base, -1);
  return resultI32(t, base, gpioMode(pin, mode));
}

/** gpio_write(pin, level) -> 0 (any non-zero level is high). */
function gpioWriteFn(t: Thread, base: i32, data: i32): i32 {
  const pin = argI32(t, base, 0);
  const caps = slots[data].caps;
  if (!caps.pinGranted(pin)) return pinNotGranted(t, caps, pin);
  gpioWrite(pin, argI32(t, base, 1) !== 0 ? 1 : 0);
  return resultI32(t, base, 0);
}

/** gpio_read(pin) -> 0 or 1. */
function gpioReadFn(t: Thread, base: i32, data: i32): i32 {
  const pin = argI32(t, base, 0);
  const caps = slots[data].caps;
  if (!caps.pinGranted(pin)) return pinNotGranted(t, caps, pin);
  return resultI32(t, base, gpioRead(pin));
}

function sinceBootNs(): i64 {
  return BigInt.asIntN(64, clockMonotonicNs() - bootClock.ns);
}

/** millis() -> milliseconds since boot, wrapping at 2^32 like Arduino's. */
function millisFn(t: Thread, base: i32, _data: i32): i32 {
  return resultI32(t, base, Number(BigInt.asIntN(32, sinceBootNs() / 1000000n)) | 0);
}

/** micros() -> microseconds since boot (an i64: it does not wrap). */
function microsFn(t: Thread, base: i32, _data: i32): i32 {
  t.i64[base] = sinceBootNs() / 1000n;
  return Trap.None;
}

/** delay(ms): the module waits; under the scheduler it yields, so other modules and the host are served. */
function delayFn(t: Thread, base: i32, _data: i32): i32 {
  const ms = argI32(t, base, 0);
  if (ms <= 0) return Trap.None;
  const ns: i64 = BigInt(ms) * 1000000n;
  if (!t.canYield()) {
    sleepNs(ns);
    return Trap.None;
  }
  t.wakeAtNs = BigInt.asIntN(64, clockMonotonicNs() + ns);
  return Trap.Yield;
}

/** log(ptr, len): one log record with those bytes (cut at MAX_LOG_RECORD). */
function logFn(t: Thread, base: i32, data: i32): i32 {
  const mem = guestMemory(t);
  const ptr = argI32(t, base, 0) >>> 0;
  let length = argI32(t, base, 1) >>> 0;
  if (mem === null || !inBounds(mem, ptr, length)) return Trap.MemoryOutOfBounds;
  if (length > MAX_LOG_RECORD) length = MAX_LOG_RECORD;
  if (moduleOutput(data, LogStream.Log, mem.bytes, ptr, length, true) > 0 || length === 0) return Trap.None;
  // the link's queue is full: wait for it, then log again
  if (!t.canYield()) return Trap.None;
  t.retryCall = true;
  t.wakeAtNs = 0n;
  return Trap.Yield;
}

function type(params: Uint8Array, results: Uint8Array): FuncType {
  return new FuncType(params, results);
}

const FUNCTIONS: DeviceFunction[] = [
  new DeviceFunction(utf8("gpio_mode"), type(new Uint8Array([I32, I32]), new Uint8Array([I32])), gpioModeFn, Capability.Gpio),
  new DeviceFunction(utf8("gpio_write"), type(new Uint8Array([I32, I32]), new Uint8Array([I32])), gpioWriteFn, Capability.Gpio),
  new DeviceFunction(utf8("gpio_read"), type(new Uint8Array([I32]), new Uint8Array([I32])), gpioReadFn, Capability.Gpio),
  new DeviceFunction(utf8("millis"), type(NONE, new Uint8Array([I32])), millisFn, Capability.Clock),
  new DeviceFunction(utf8("micros"), type(NONE, new Uint8Array([I64])), microsFn, Capability.Clock),
  new DeviceFunction(utf8("delay"), type(new Uint8Array([I32]), NONE), delayFn, Capability.Clock),
  new DeviceFunction(utf8("log"), type(new Uint8Array([I32, I32]), NONE), logFn, Capability.None),
];

function deviceFunction(name: Uint8Array): DeviceFunction | null {
  for (const f of FUNCTIONS) if (sameBytes(f.name, name)) return f;
  return null;
}

/** The capability a WASI preview1 function needs (None: always available). */
export function wasiCapability(name: Uint8Array): Capability {
  if (isWord(name, "clock_time_get") || isWord(name, "clock_res_get") || isWord(name, "poll_oneoff")) return Capability.Clock;
  if (isWord(name, "random_get")) return Capability.Random;
  // files and directories other than the console streams
  if (name.length > 5 && name[0] === 112 && name[1] === 97 && name[2] === 116 && name[3] === 104 && name[4] === 95) return Capability.Fs; // path_*
  if (isWord(name, "fd_readdir") || isWord(name, "fd_pread") || isWord(name, "fd_pwrite") || isWord(name, "fd_allocate")) return Capability.Fs;
  return Capability.None;
}

/** Why the last linkModule() failed: a capability not granted (true), or an import wasmcu does not have. */
class LinkOutcome {
  capabilityDenied: boolean = false;
}
export const linkOutcome = new LinkOutcome();

function refuseImport(err: Text, module: Uint8Array, name: Uint8Array): Text {
  return err.add("import ").addBytes(module).add(".").addBytes(name);
}

/**
 * The imports of `m` as host functions in `store` for the module in slot
 * `slot`, whose WASI context is registered as `wasiData`. Returns null with
 * `err` saying why when one cannot be given: a capability not granted, an
 * unknown module or function, a wrong type.
 */
export function linkModule(store: Store, m: Module, slot: i32, wasiData: i32, caps: Capabilities, err: Text): ImportBinding[] | null {
  const bindings: ImportBinding[] = [];
  linkOutcome.capabilityDenied = false;
  for (const imp of m.imports) {
    if (imp.kind !== ExternKind.Func) {
      refuseImport(err, imp.module, imp.name).add(": only functions can be imported on wasmcu (no tables, memories or globals)");
      return null;
    }
    const declared = m.types[imp.index];
    if (sameBytes(imp.module, WASI_MODULE)) {
      const need = wasiCapability(imp.name);
      if (!caps.has(need)) {
        linkOutcome.capabilityDenied = true;
        refuseImport(err, imp.module, imp.name).add(" needs capability " + capabilityName(need) + " (grant it with " + grantHint(need) + ")");
        return null;
      }
      const f = wasiFunction(imp.name);
      if (f === null) {
        bindings.push(new ImportBinding(imp.module, imp.name, wasiStub(store, declared)));
      } else if (!funcTypeEquals(declared, f.type)) {
        refuseImport(err, imp.module, imp.name).add(" has a type other than the one WASI preview1 gives it");
        return null;
      } else {
        bindings.push(new ImportBinding(imp.module, imp.name, hostFunction(store, f.type, f.fn, wasiData)));
      }
    } else if (sameBytes(imp.module, WASMCU_MODULE)) {
      const f = deviceFunction(imp.name);
      if (f === null) {
        refuseImport(err, imp.module, imp.name).add(": wasmcu has no such function (see examples/include/wasmcu.h)");
        return null;
      }
      if (!funcTypeEquals(declared, f.type)) {
        refuseImport(err, imp.module, imp.name).add(" has a type other than the one wasmcu gives it (see examples/include/wasmcu.h)");
        return null;
      }
      if (!caps.has(f.capability)) {
        linkOutcome.capabilityDenied = true;
        refuseImport(err, imp.module, imp.name).add(" needs capability " + capabilityName(f.capability) + " (grant it with " + grantHint(f.capability) + ")");
        return null;
      }
      bindings.push(new ImportBinding(imp.module, imp.name, hostFunction(store, f.type, f.fn, slot)));
    } else {
      refuseImport(err, imp.module, imp.name).add(": a module on wasmcu may import only from wasi_snapshot_preview1 and wasmcu");
      return null;
    }
  }
  return bindings;
}
