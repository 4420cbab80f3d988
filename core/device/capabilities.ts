// Capabilities: what a module may touch, granted when it is pushed (the
// host's `--allow`) and checked when it is instantiated: a module that imports
// a function of a capability it was not granted is refused, naming it.
//
// The grant is text, items separated by spaces:
//   gpio=25        pins (gpio=2,3,4 for several)
//   clock          WASI clocks and poll_oneoff sleeps; wasmcu millis, micros, delay
//   random         WASI random_get
//   fs             WASI files in the module's own folder (folder.ts)
//   cpu=5000       the longest the module may compute without waiting, in ms (default
//                  DEFAULT_CPU_MS; 0: no limit). Not a function grant: a budget (scheduler.ts)
// Always available: console output, args/environ, proc_exit, sched_yield, wasmcu log.
import type { i32, u32 } from "../types";
import { sameBytes, utf8 } from "../text";
import { Text } from "./text";

// the words, made once: a grant is parsed at each start, and in C what it allocated outside a module's arena stays
const GPIO = utf8("gpio");
const CPU = utf8("cpu");
const CLOCK = utf8("clock");
const RANDOM = utf8("random");
const FS = utf8("fs");

/** The CPU budget of a module whose grant does not say (cpu=<ms>): 10 s without waiting. */
export const DEFAULT_CPU_MS: i32 = 10000;
/** The largest cpu=<ms>: a day. */
const MAX_CPU_MS: i32 = 86400000;

/** The board pins a grant can name: 0 .. MAX_PINS-1. */
export const MAX_PINS: i32 = 64;

export enum Capability {
  None = 0,
  Gpio = 1,
  Clock = 2,
  Random = 3,
  Fs = 4,
}

export function capabilityName(c: Capability): string {
  switch (c) {
    case Capability.Gpio:
      return "gpio";
    case Capability.Clock:
      return "clock";
    case Capability.Random:
      return "random";
    case Capability.Fs:
      return "fs";
  }
  return "none";
}

/** How to grant c on the command line, for messages. */
export function grantHint(c: Capability): string {
  return c === Capability.Gpio ? "--allow gpio=<pin>" : "--allow " + capabilityName(c);
}

export class Capabilities {
  /** 1 for each granted pin */
  readonly pins: Uint8Array = new Uint8Array(MAX_PINS);
  pinCount: i32 = 0;
  clock: boolean = false;
  random: boolean = false;
  fs: boolean = false;
  /** how long the module may compute without waiting, in ms (0: no limit) */
  cpuMs: i32 = DEFAULT_CPU_MS;

  /** Back to no grant (before a new one is parsed into it). */
  reset(): void {
    this.pins.fill(0);
    this.pinCount = 0;
    this.clock = false;
    this.random = false;
    this.fs = false;
    this.cpuMs = DEFAULT_CPU_MS;
  }

  has(c: Capability): boolean {
    switch (c) {
      case Capability.None:
        return true;
      case Capability.Gpio:
        return this.pinCount > 0;
      case Capability.Clock:
        return this.clock;
      case Capability.Random:
        return this.random;
      case Capability.Fs:
        return this.fs;
    }
    return false;
  }

  pinGranted(pin: i32): boolean {
    return pin >= 0 && pin < MAX_PINS && this.pins[pin] === 1;
  }

  /** The granted pins as "2, 3" (or "none"), for messages. */
  pinList(): string {
    let s = "";
    for (let p = 0; p < MAX_PINS; p++) {
      if (this.pins[p] !== 1) continue;
      s = s === "" ? "" + p : s + ", " + p;
    }
    return s === "" ? "none" : s;
  }
}

const SPACE = 32;
const EQUALS = 61;
const COMMA = 44;

/**
 * Parses a grant into `caps`. Returns false with `err` holding the reason
 * (an unknown capability, a bad pin) when the text is not a valid grant.
 */
export function parseCapabilities(text: Uint8Array, caps: Capabilities, err: Text): boolean {
  let i = 0;
  while (i < text.length) {
    if (text[i] === SPACE) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== SPACE) end++;
    let eq = i;
    while (eq < end && text[eq] !== EQUALS) eq++;
    const word = text.subarray(i, eq);
    if (sameBytes(word, GPIO)) {
      if (eq === end) {
        err.add("capability gpio needs its pins, e.g. gpio=25 or gpio=2,3");
        return false;
      }
      if (!parsePins(text.subarray(eq + 1, end), caps, err)) return false;
    } else if (sameBytes(word, CPU)) {
      const ms = eq === end ? -1 : parseDecimal(text.subarray(eq + 1, end), MAX_CPU_MS);
      if (ms < 0) {
        err.add("cpu=<ms>: the longest the module may compute without waiting, 0 to " + MAX_CPU_MS + " ms (0: no limit), e.g. cpu=30000");
        return false;
      }
      caps.cpuMs = ms;
    } else if (eq !== end) {
      err.add("capability '").addBytes(text.subarray(i, end)).add("' takes no value (only gpio=<pins> and cpu=<ms> do)");
      return false;
    } else if (sameBytes(word, CLOCK)) {
      caps.clock = true;
    } else if (sameBytes(word, RANDOM)) {
      caps.random = true;
    } else if (sameBytes(word, FS)) {
      caps.fs = true;
    } else {
      err.add("unknown capability '").addBytes(word).add("' (known: gpio=<pins>, clock, random, fs, cpu=<ms>)");
      return false;
    }
    i = end;
  }
  return true;
}

function parsePins(list: Uint8Array, caps: Capabilities, err: Text): boolean {
  let value = -1;
  for (let i = 0; i <= list.length; i++) {
    const c: u32 = i < list.length ? list[i] : COMMA;
    if (c === COMMA) {
      if (value < 0) {
        err.add("gpio=").addBytes(list).add(": expected pin numbers separated by commas");
        return false;
      }
      if (caps.pins[value] === 0) caps.pinCount++;
      caps.pins[value] = 1;
      value = -1;
    } else if (c >= 48 && c <= 57) {
      value = (value < 0 ? c - 48 : value * 10 + (c - 48)) | 0;
      if (value >= MAX_PINS) {
        err.add("gpio=").addBytes(list).add(": pins go from 0 to " + (MAX_PINS - 1));
        return false;
      }
    } else {
      err.add("gpio=").addBytes(list).add(": expected pin numbers separated by commas");
      return false;
    }
  }
  return true;
}

/** The decimal number in `digits` (at most `max`), or -1 when it is not one. */
function parseDecimal(digits: Uint8Array, max: i32): i32 {
  if (digits.length === 0) return -1;
  let value = 0;
  for (let i = 0; i < digits.length; i++) {
    const c: i32 = digits[i];
    if (c < 48 || c > 57) return -1;
    value = (value * 10 + (c - 48)) | 0;
    if (value > max) return -1;
  }
  return value;
}
