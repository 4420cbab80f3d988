// Running a WASI command module from start to exit, as `wasmtime run` does:
// load, link against WASI preview1, instantiate, call `_start`. The embedder
// (ports/posix/exec.ts in C, tools/cli under Node) gives the bytes, argv and
// environment and exits with the status this returns; problems are reported
// on the console's stderr as "wasmcu: ...".
import type { i32 } from "../types";
import { ConsoleFd, consoleText, consoleWrite } from "../hal";
import { Limits, Trap, trapMessage } from "../engine/types";
import { LoadError, Module } from "../engine/module";
import { Instance, Thread } from "../engine/runtime";
import { InstantiateError, InstantiateFailure } from "../engine/instantiate";
import { getExport, instantiate, invoke, load, newStore } from "../engine/api";
import { ExternKind } from "../engine/types";
import { WasiContext, registerContext } from "./context";
import { LinkFailure, wasiImports } from "./link";

/** The exit status after a trap: 128 + SIGABRT, as wasmtime on Unix. */
export const EXIT_TRAP: i32 = 134;
/** The exit status when the module cannot run at all (malformed, invalid, unlinkable, no _start). */
export const EXIT_NOT_RUN: i32 = 1;

/** "_start" */
const START = new Uint8Array([95, 115, 116, 97, 114, 116]);

function hexDigit(d: i32): string {
  switch (d) {
    case 10:
      return "a";
    case 11:
      return "b";
    case 12:
      return "c";
    case 13:
      return "d";
    case 14:
      return "e";
    case 15:
      return "f";
  }
  return "" + d;
}

/** n (>= 0) in hexadecimal, without leading zeros. */
export function hex(n: i32): string {
  let s = hexDigit(n & 15);
  for (let rest = n >>> 4; rest !== 0; rest = rest >>> 4) s = hexDigit(rest & 15) + s;
  return s;
}

function writeBytes(bytes: Uint8Array): void {
  consoleWrite(ConsoleFd.Stderr, bytes, 0, bytes.length);
}

/** "wasmcu: <module name><text>" on stderr. */
function report(name: Uint8Array, text: string): void {
  consoleText(ConsoleFd.Stderr, "wasmcu: ");
  writeBytes(name);
  consoleText(ConsoleFd.Stderr, text + "\n");
}

/** The exit status for the outcome `trap` of a call (Trap.None: it returned). */
function exitStatus(t: Thread, trap: i32): i32 {
  if (trap === Trap.None) return 0;
  if (trap === Trap.Exit) return t.exitCode & 0xff;
  const text = trap === Trap.HostError ? t.trapText : trapMessage(trap);
  consoleText(ConsoleFd.Stderr, "wasmcu: trap: " + text + "\n");
  return EXIT_TRAP;
}

/** A module loaded, linked and instantiated, ready for its `_start`. */
export class Command {
  constructor(
    readonly module: Module,
    readonly instance: Instance,
  ) {}
}

/** Where prepareCommand leaves the exit status when it returns null. */
export class ExitStatus {
  code: i32 = 0;
}

/**
 * Loads, links and instantiates the command module `bytes` with argv `args`
 * (args[0] is the module's name, used in messages too) and environment entries
 * `env` ("NAME=VALUE"), all UTF-8. Returns null, with the exit status in `status`,
 * when it cannot run (the reason is on stderr) or when its start function already
 * ended the run (proc_exit or a trap).
 */
export function prepareCommand(bytes: Uint8Array, args: Uint8Array[], env: Uint8Array[], limits: Limits, status: ExitStatus): Command | null {
  const name = args.length > 0 ? args[0] : new Uint8Array(0);
  status.code = EXIT_NOT_RUN;
  const loadError = new LoadError();
  const m = load(bytes, loadError);
  if (m === null) {
    report(name, " is not a valid module: at byte 0x" + hex(loadError.offset) + ": " + loadError.message);
    return null;
  }
  const store = newStore(limits);
  const linkError = new LinkFailure();
  const imports = wasiImports(store, m, registerContext(new WasiContext(args, env)), linkError);
  if (imports === null) {
    consoleText(ConsoleFd.Stderr, "wasmcu: ");
    writeBytes(name);
    consoleText(ConsoleFd.Stderr, " imports ");
    writeBytes(linkError.module);
    consoleText(ConsoleFd.Stderr, ".");
    writeBytes(linkError.name);
    consoleText(ConsoleFd.Stderr, linkError.reason + "\n");
    return null;
  }
  const instError = new InstantiateError();
  const inst = instantiate(store, m, imports, instError);
  if (inst === null) {
    if (instError.failure === InstantiateFailure.Trapped) {
      status.code = exitStatus(store.thread, instError.trap);
    } else {
      report(name, " cannot be instantiated: " + instError.message);
    }
    return null;
  }
  const start = getExport(inst, START);
  if (start === null || start.kind !== ExternKind.Func) {
    report(name, " exports no _start function: it is not a WASI command module");
    return null;
  }
  const type = store.funcs[start.func].type;
  if (type.params.length !== 0 || type.results.length !== 0) {
    report(name, " exports a _start function that takes parameters or returns results: it is not a WASI command module");
    return null;
  }
  return new Command(m, inst);
}

/**
 * Calls the command's `_start`. Returns the process exit status: 0 when it
 * returns, the code given to proc_exit (modulo 256, as POSIX keeps it),
 * EXIT_TRAP after a trap (reported on stderr).
 */
export function startCommand(c: Command): i32 {
  return exitStatus(c.instance.store.thread, invoke(c.instance, START, new BigInt64Array(0), new BigInt64Array(0)));
}

/** prepareCommand then startCommand: the exit status of the whole run. */
export function runCommand(bytes: Uint8Array, args: Uint8Array[], env: Uint8Array[], limits: Limits): i32 {
  const status = new ExitStatus();
  const c = prepareCommand(bytes, args, env, limits, status);
  return c === null ? status.code : startCommand(c);
}
