// Linking a module against WASI preview1: each function it imports from
// wasi_snapshot_preview1 becomes a host function of this subset; a preview1
// function outside the subset becomes a stub returning ENOSYS, so that modules
// importing more than they use still run. Anything else cannot be provided.
import type { i32 } from "../types";
import { sameBytes, utf8 } from "../text";
import { ExternKind, FuncType, ValType, funcTypeEquals } from "../engine/types";
import { Module } from "../engine/module";
import { Extern, ImportBinding, Store, Thread } from "../engine/runtime";
import type { HostFunc } from "../engine/runtime";
import { hostFunction } from "../engine/api";
import { Errno } from "./abi";
import { fdClose, fdFdstatGet, fdFilestatGet, fdRead, fdSeek, fdTell, fdWrite } from "./fd";
import { fdPrestatDirName, fdPrestatGet, fdReaddir, fdSync, pathFilestatGet, pathOpen, pathUnlinkFile } from "./files";
import { argsGet, argsSizesGet, clockResGet, clockTimeGet, environGet, environSizesGet, procExit, randomGet, schedYield } from "./proc";
import { pollOneoff } from "./poll";

export const WASI_MODULE = utf8("wasi_snapshot_preview1");

export class WasiFunction {
  constructor(
    /** the import name, UTF-8 */
    readonly name: Uint8Array,
    readonly type: FuncType,
    readonly fn: HostFunc,
  ) {}
}

const I32 = ValType.I32;
const I64 = ValType.I64;
const ERRNO = new Uint8Array([I32]);

/** The preview1 functions of this subset, with their types. */
const FUNCTIONS: WasiFunction[] = [
  new WasiFunction(utf8("args_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), argsGet),
  new WasiFunction(utf8("args_sizes_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), argsSizesGet),
  new WasiFunction(utf8("environ_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), environGet),
  new WasiFunction(utf8("environ_sizes_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), environSizesGet),
  new WasiFunction(utf8("clock_res_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), clockResGet),
  new WasiFunction(utf8("clock_time_get"), new FuncType(new Uint8Array([I32, I64, I32]), ERRNO), clockTimeGet),
  new WasiFunction(utf8("fd_close"), new FuncType(new Uint8Array([I32]), ERRNO), fdClose),
  new WasiFunction(utf8("fd_fdstat_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdFdstatGet),
  new WasiFunction(utf8("fd_prestat_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdPrestatGet),
  new WasiFunction(utf8("fd_prestat_dir_name"), new FuncType(new Uint8Array([I32, I32, I32]), ERRNO), fdPrestatDirName),
  new WasiFunction(utf8("fd_read"), new FuncType(new Uint8Array([I32, I32, I32, I32]), ERRNO), fdRead),
  new WasiFunction(utf8("fd_seek"), new FuncType(new Uint8Array([I32, I64, I32, I32]), ERRNO), fdSeek),
  new WasiFunction(utf8("fd_write"), new FuncType(new Uint8Array([I32, I32, I32, I32]), ERRNO), fdWrite),
  new WasiFunction(utf8("fd_filestat_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdFilestatGet),
  new WasiFunction(utf8("fd_tell"), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdTell),
  new WasiFunction(utf8("poll_oneoff"), new FuncType(new Uint8Array([I32, I32, I32, I32]), ERRNO), pollOneoff),
  new WasiFunction(utf8("proc_exit"), new FuncType(new Uint8Array([I32]), new Uint8Array(0)), procExit),
  new WasiFunction(utf8("random_get"), new FuncType(new Uint8Array([I32, I32]), ERRNO), randomGet),
  new WasiFunction(utf8("sched_yield"), new FuncType(new Uint8Array(0), ERRNO), schedYield),
  // the module's folder (files.ts)
  new WasiFunction(utf8("path_open"), new FuncType(new Uint8Array([I32, I32, I32, I32, I32, I64, I64, I32, I32]), ERRNO), pathOpen),
  new WasiFunction(utf8("path_filestat_get"), new FuncType(new Uint8Array([I32, I32, I32, I32, I32]), ERRNO), pathFilestatGet),
  new WasiFunction(utf8("path_unlink_file"), new FuncType(new Uint8Array([I32, I32, I32]), ERRNO), pathUnlinkFile),
  new WasiFunction(utf8("fd_readdir"), new FuncType(new Uint8Array([I32, I32, I32, I64, I32]), ERRNO), fdReaddir),
  new WasiFunction(utf8("fd_sync"), new FuncType(new Uint8Array([I32]), ERRNO), fdSync),
  new WasiFunction(utf8("fd_datasync"), new FuncType(new Uint8Array([I32]), ERRNO), fdSync),
];

/** The preview1 function of this subset named `name` (UTF-8), or null. */
export function wasiFunction(name: Uint8Array): WasiFunction | null {
  for (const f of FUNCTIONS) if (sameBytes(f.name, name)) return f;
  return null;
}

/**
 * A preview1 function outside this subset: returns ENOSYS in its first result
 * and zeros in the others (`data` = how many results its type has).
 */
function notImplemented(t: Thread, base: i32, data: i32): i32 {
  for (let i = 0; i < data; i++) {
    const s = (base + i) << 1;
    t.i32[s] = i === 0 ? Errno.Nosys : 0;
    t.i32[s + 1] = 0;
  }
  return 0;
}

/** A preview1 function outside the subset, with the type the module declares: it returns ENOSYS. */
export function wasiStub(store: Store, declared: FuncType): Extern {
  return hostFunction(store, declared, notImplemented, declared.results.length);
}

/** Why linking failed: the import (module and name, UTF-8) and the rest of the sentence. */
export class LinkFailure {
  failed: boolean = false;
  module: Uint8Array = new Uint8Array(0);
  name: Uint8Array = new Uint8Array(0);
  reason: string = "";

  fail(module: Uint8Array, name: Uint8Array, reason: string): null {
    this.failed = true;
    this.module = module;
    this.name = name;
    this.reason = reason;
    return null;
  }
}

function kindName(kind: ExternKind): string {
  switch (kind) {
    case ExternKind.Func:
      return "a function";
    case ExternKind.Table:
      return "a table";
    case ExternKind.Mem:
      return "a memory";
    case ExternKind.Global:
      return "a global";
  }
  return "an unknown kind of import";
}

/**
 * The imports of `m`, as WASI host functions in `store` that use the context
 * registered as `data` (context.ts). Returns null with `err` set when the module
 * imports something other than a preview1 function, or a preview1 function
 * with another type than preview1 gives it.
 */
export function wasiImports(store: Store, m: Module, data: i32, err: LinkFailure): ImportBinding[] | null {
  const bindings: ImportBinding[] = [];
  for (const imp of m.imports) {
    if (imp.kind !== ExternKind.Func || !sameBytes(imp.module, WASI_MODULE)) {
      return err.fail(imp.module, imp.name, ", " + kindName(imp.kind) + ", which wasmcu cannot provide: a WASI command may import only functions of wasi_snapshot_preview1");
    }
    const declared = m.types[imp.index];
    const f = wasiFunction(imp.name);
    if (f === null) {
      bindings.push(new ImportBinding(imp.module, imp.name, hostFunction(store, declared, notImplemented, declared.results.length)));
    } else if (!funcTypeEquals(declared, f.type)) {
      return err.fail(imp.module, imp.name, " with a type that is not the one WASI preview1 gives it");
    } else {
      bindings.push(new ImportBinding(imp.module, imp.name, hostFunction(store, f.type, f.fn, data)));
    }
  }
  return bindings;
}
