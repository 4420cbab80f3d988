// Linking a module against WASI preview1: each function it imports from
// wasi_snapshot_preview1 becomes a host function of this subset; a preview1
// function outside the subset becomes a stub returning ENOSYS, so that modules
// importing more than they use still run. Anything else cannot be provided.
import type { i32 } from "../types";
import { sameBytes } from "../text";
import { ExternKind, FuncType, ValType, funcTypeEquals } from "../engine/types";
import { Module } from "../engine/module";
import { Extern, ImportBinding, Store, Thread } from "../engine/runtime";
import type { HostFunc } from "../engine/runtime";
import { hostFunction } from "../engine/api";
import { Errno } from "./abi";
import { fdClose, fdFdstatGet, fdFilestatGet, fdPrestatDirName, fdPrestatGet, fdRead, fdSeek, fdTell, fdWrite } from "./fd";
import { argsGet, argsSizesGet, clockResGet, clockTimeGet, environGet, environSizesGet, procExit, randomGet, schedYield } from "./proc";
import { pollOneoff } from "./poll";

/** "wasi_snapshot_preview1" */
export const WASI_MODULE = new Uint8Array([119, 97, 115, 105, 95, 115, 110, 97, 112, 115, 104, 111, 116, 95, 112, 114, 101, 118, 105, 101, 119, 49]);

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
  // args_get, args_sizes_get, environ_get, environ_sizes_get
  new WasiFunction(new Uint8Array([97, 114, 103, 115, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), argsGet),
  new WasiFunction(new Uint8Array([97, 114, 103, 115, 95, 115, 105, 122, 101, 115, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), argsSizesGet),
  new WasiFunction(new Uint8Array([101, 110, 118, 105, 114, 111, 110, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), environGet),
  new WasiFunction(new Uint8Array([101, 110, 118, 105, 114, 111, 110, 95, 115, 105, 122, 101, 115, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), environSizesGet),
  // clock_res_get, clock_time_get
  new WasiFunction(new Uint8Array([99, 108, 111, 99, 107, 95, 114, 101, 115, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), clockResGet),
  new WasiFunction(new Uint8Array([99, 108, 111, 99, 107, 95, 116, 105, 109, 101, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I64, I32]), ERRNO), clockTimeGet),
  // fd_close, fd_fdstat_get, fd_prestat_get, fd_prestat_dir_name, fd_read, fd_seek, fd_write
  new WasiFunction(new Uint8Array([102, 100, 95, 99, 108, 111, 115, 101]), new FuncType(new Uint8Array([I32]), ERRNO), fdClose),
  new WasiFunction(new Uint8Array([102, 100, 95, 102, 100, 115, 116, 97, 116, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdFdstatGet),
  new WasiFunction(new Uint8Array([102, 100, 95, 112, 114, 101, 115, 116, 97, 116, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdPrestatGet),
  new WasiFunction(new Uint8Array([102, 100, 95, 112, 114, 101, 115, 116, 97, 116, 95, 100, 105, 114, 95, 110, 97, 109, 101]), new FuncType(new Uint8Array([I32, I32, I32]), ERRNO), fdPrestatDirName),
  new WasiFunction(new Uint8Array([102, 100, 95, 114, 101, 97, 100]), new FuncType(new Uint8Array([I32, I32, I32, I32]), ERRNO), fdRead),
  new WasiFunction(new Uint8Array([102, 100, 95, 115, 101, 101, 107]), new FuncType(new Uint8Array([I32, I64, I32, I32]), ERRNO), fdSeek),
  new WasiFunction(new Uint8Array([102, 100, 95, 119, 114, 105, 116, 101]), new FuncType(new Uint8Array([I32, I32, I32, I32]), ERRNO), fdWrite),
  // fd_filestat_get, fd_tell
  new WasiFunction(new Uint8Array([102, 100, 95, 102, 105, 108, 101, 115, 116, 97, 116, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdFilestatGet),
  new WasiFunction(new Uint8Array([102, 100, 95, 116, 101, 108, 108]), new FuncType(new Uint8Array([I32, I32]), ERRNO), fdTell),
  // poll_oneoff, proc_exit, random_get, sched_yield
  new WasiFunction(new Uint8Array([112, 111, 108, 108, 95, 111, 110, 101, 111, 102, 102]), new FuncType(new Uint8Array([I32, I32, I32, I32]), ERRNO), pollOneoff),
  new WasiFunction(new Uint8Array([112, 114, 111, 99, 95, 101, 120, 105, 116]), new FuncType(new Uint8Array([I32]), new Uint8Array(0)), procExit),
  new WasiFunction(new Uint8Array([114, 97, 110, 100, 111, 109, 95, 103, 101, 116]), new FuncType(new Uint8Array([I32, I32]), ERRNO), randomGet),
  new WasiFunction(new Uint8Array([115, 99, 104, 101, 100, 95, 121, 105, 101, 108, 100]), new FuncType(new Uint8Array(0), ERRNO), schedYield),
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
