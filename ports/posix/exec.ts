// wasmcu-exec: the C build of `wasmcu exec --engine c`. Runs a WASI command
// module on the desktop with the engine and core/wasi compiled by stc:
//
//   wasmcu-exec [--env NAME=VALUE]... [--stats] [--] module.wasm [args...]
//
// The module sees argv = [module.wasm, args...] and only the environment
// entries given with --env. The exit status is the module's (see
// core/wasi/command.ts). --stats prints, after the run, one line on stderr:
//   wasmcu-stats: module-bytes=N code-bytes=N engine-bytes=N linear-memory-bytes=N value-stack-bytes=N
//     module-struct-bytes=N code-used-bytes=N instance-bytes=N frame-bytes=N
// module: the .wasm file; linear memory and value stack: their sizes at the
// end of the run; engine = module-struct + code + instance + frame: every
// other byte the engine holds for the module at the end of the run, where
//   module-struct: the decoded module (types, imports, exports, bodies'
//     offsets, segments; per function its entry and frame size)
//   code: the internal code's buffer (functions are translated on their first
//     call; code-used is the part in use, the rest is room to grow)
//   instance: the store, the instance (function instances, tables, globals)
//     and the WASI context, everything instantiation allocated
//   frame: the call-frame array (sized by the deepest call so far).
// The natives below are this port's own (main.c);
// the HAL is in hal.c.
import type { i32 } from "../../core/types";
import { ConsoleFd, consoleText, consoleWrite } from "../../core/hal";
import type { f64 } from "../../core/types";
import { Limits } from "../../core/engine/types";
import { LoadError, load } from "../../core/engine/api";
import { Command, EXIT_NOT_RUN, ExitStatus, prepareCommand, startCommand } from "../../core/wasi/command";

/** The process's argument count (argv[0], this program, included). */
declare function posix_argc(): i32;
/** The length in bytes of argv[i]. */
declare function posix_arg_length(i: i32): i32;
/** Copies argv[i] (without its NUL) into dest, which has posix_arg_length(i) bytes. */
declare function posix_arg_copy(i: i32, dest: Uint8Array): void;
/** The size of the file at `path` (UTF-8, no NUL), or -1 when it cannot be read (posix_error() says why). */
declare function posix_file_size(path: Uint8Array): i32;
/** Reads the file at `path` into dest (dest.length bytes); returns false when it cannot (posix_error() says why). */
declare function posix_file_read(path: Uint8Array, dest: Uint8Array): boolean;
/** The message of the last failed file operation (strerror). */
declare function posix_error(): string;
/** Ends the process with `status`. */
declare function posix_exit(status: i32): void;
/** Bytes allocated so far in the current arena (the default one: the engine's). */
declare function posix_arena_used(): f64;

/** "--env" */
const ENV_OPTION = new Uint8Array([45, 45, 101, 110, 118]);
/** "--stats" */
const STATS_OPTION = new Uint8Array([45, 45, 115, 116, 97, 116, 115]);
/** "--" */
const END_OF_OPTIONS = new Uint8Array([45, 45]);

function argument(i: i32): Uint8Array {
  const a = new Uint8Array(posix_arg_length(i));
  posix_arg_copy(i, a);
  return a;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function usage(): void {
  consoleText(ConsoleFd.Stderr, "usage: wasmcu-exec [--env NAME=VALUE]... [--stats] [--] module.wasm [args...]\n");
  posix_exit(2);
}

/** What --stats measures before the run (the arena's growth while loading and instantiating). */
class LoadSizes {
  moduleStructBytes: f64 = 0;
  instanceBytes: f64 = 0;
}

function printStats(c: Command, moduleBytes: i32, sizes: LoadSizes): void {
  const code = c.module.compiled;
  const codeBytes: f64 = code === null ? 0 : code.code.length * 4;
  const codeUsedBytes: f64 = code === null ? 0 : code.used * 4;
  let linearMemoryBytes: f64 = 0;
  for (const m of c.instance.mems) linearMemoryBytes += m.buf.byteLength;
  const thread = c.instance.store.thread;
  const stackBytes: f64 = thread.stack.byteLength;
  const frameBytes: f64 = thread.frames.length * 4;
  const engineBytes: f64 = sizes.moduleStructBytes + codeBytes + sizes.instanceBytes + frameBytes;
  consoleText(
    ConsoleFd.Stderr,
    "wasmcu-stats: module-bytes=" + moduleBytes + " code-bytes=" + codeBytes + " engine-bytes=" + engineBytes +
      " linear-memory-bytes=" + linearMemoryBytes + " value-stack-bytes=" + stackBytes +
      " module-struct-bytes=" + sizes.moduleStructBytes + " code-used-bytes=" + codeUsedBytes +
      " instance-bytes=" + sizes.instanceBytes + " frame-bytes=" + frameBytes + "\n",
  );
}

/**
 * The decoded module's size: a load of its own, measured and dropped (its
 * code buffer freed), because prepareCommand loads and instantiates in one go.
 * Code, value stack, frames and linear memories live in arenas of their own,
 * so the current arena's growth is the structures only.
 */
function moduleStructBytes(bytes: Uint8Array): f64 {
  const before = posix_arena_used();
  const m = load(bytes, new LoadError());
  const used = posix_arena_used() - before;
  if (m === null) return 0;
  if (m.compiled !== null) m.compiled.storage.free();
  return used;
}

function main(): void {
  const argc = posix_argc();
  const env: Uint8Array[] = [];
  let stats = false;
  let i = 1;
  while (i < argc) {
    const a = argument(i);
    if (same(a, END_OF_OPTIONS)) {
      i++;
      break;
    }
    if (same(a, STATS_OPTION)) {
      stats = true;
      i++;
      continue;
    }
    if (!same(a, ENV_OPTION)) break;
    if (i + 1 >= argc) usage();
    env.push(argument((i + 1) | 0));
    i = (i + 2) | 0;
  }
  if (i >= argc) usage();
  const args: Uint8Array[] = [];
  for (let k = i; k < argc; k++) args.push(argument(k));
  const path = args[0];
  const size = posix_file_size(path);
  const bytes = new Uint8Array(size < 0 ? 0 : size);
  if (size < 0 || !posix_file_read(path, bytes)) {
    consoleText(ConsoleFd.Stderr, "wasmcu: cannot read ");
    consoleWrite(ConsoleFd.Stderr, path, 0, path.length);
    consoleText(ConsoleFd.Stderr, ": " + posix_error() + "\n");
    posix_exit(EXIT_NOT_RUN);
  }
  const sizes = new LoadSizes();
  if (stats) sizes.moduleStructBytes = moduleStructBytes(bytes);
  const before = posix_arena_used();
  const status = new ExitStatus();
  const c = prepareCommand(bytes, args, env, new Limits(), status);
  if (c === null) posix_exit(status.code);
  const command = c!;
  sizes.instanceBytes = posix_arena_used() - before - sizes.moduleStructBytes;
  const code = startCommand(command);
  if (stats) printStats(command, bytes.length, sizes);
  posix_exit(code);
}

main();
