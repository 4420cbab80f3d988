// The RAM an instance takes: the value stack and the call frames grow with
// use (the limit traps stay exact), functions are translated on their first
// call, and buffers that grow free the ones they replace (arenas of their own).
import { beforeAll, describe, expect, it } from "vitest";
import { freeStore, hostFunction, newStore, translateModule, unloadModule } from "../../core/engine/api.ts";
import { LAZY_FRAME_SLOTS } from "../../core/engine/compile.ts";
import { MAX_NESTED_CALLS } from "../../core/engine/execute.ts";
import { ImportBinding, INITIAL_FRAMES, INITIAL_STACK_SLOTS, type Thread } from "../../core/engine/runtime.ts";
import { FuncType, Limits, Trap, ValType } from "../../core/engine/types.ts";
import type { Module } from "../../core/engine/module.ts";
import { call, initWabt, instance, instantiateOrThrow, loadError, loadOrThrow, utf8, wat, watUnchecked } from "./engine-helpers.ts";

beforeAll(async () => {
  await initWabt();
});

const b = (n: number): bigint => BigInt(n);

// depth(n): n nested calls below the first, so n + 1 Wasm frames; wide(n): the same with a frame of 40 locals
const recursion = `(module
  (func $depth (export "depth") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (call $depth (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
  (func $wide (export "wide") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (call $wide (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
  (func (export "unused") (result i32) (i32.const 7)))`;

/** Whether defined function `def` of m has been translated (its entry is no longer a stub). */
function translated(m: Module, def: number): boolean {
  const c = m.compiled!;
  return c.code[c.entry[def] + 4] !== LAZY_FRAME_SLOTS;
}

describe("value stack and call frames", () => {
  it("start small and grow with the calls", () => {
    const inst = instance(wat(recursion));
    const t = inst.store.thread;
    expect(t.slots).toBe(INITIAL_STACK_SLOTS);
    expect(t.frameCapacity()).toBe(INITIAL_FRAMES);
    expect(call(inst, "depth", [b(5)]).results).toEqual([b(5)]);
    expect(t.slots).toBe(INITIAL_STACK_SLOTS);
    expect(call(inst, "depth", [b(1000)]).results).toEqual([b(1000)]);
    expect(t.frameCapacity()).toBeGreaterThan(1000);
    expect(t.frameCapacity()).toBeLessThanOrEqual(2048);
    expect(t.slots).toBeGreaterThan(INITIAL_STACK_SLOTS);
    expect(t.slots).toBeLessThanOrEqual(8192);
  });

  it("trap CallDepthExceeded at exactly Limits.maxCallDepth frames, across growths", () => {
    for (const max of [1, 2, INITIAL_FRAMES - 1, INITIAL_FRAMES, INITIAL_FRAMES + 1, 777]) {
      const limits = new Limits();
      limits.maxCallDepth = max;
      const inst = instance(wat(recursion), limits);
      expect(call(inst, "depth", [b(max - 1)]).results, `max ${max}`).toEqual([b(max - 1)]);
      expect(call(inst, "depth", [b(max)]).trap, `max ${max}`).toBe(Trap.CallDepthExceeded);
      expect(inst.store.thread.frameCapacity()).toBeLessThanOrEqual(max + 1);
    }
  });

  it("trap ValueStackExhausted at the same depth whether the stack grew on the way or was full-size from the start", () => {
    const limits = new Limits();
    limits.valueStackSlots = 5000;
    const grown = instance(wat(recursion), limits);
    const full = instance(wat(recursion), limits);
    expect(full.store.thread.growStack(5000)).toBe(true);
    let deepest = -1;
    for (let n = 0; n < 200; n++) {
      const r = call(grown, "wide", [b(n)]);
      expect(call(full, "wide", [b(n)]).trap, `wide(${n})`).toBe(r.trap);
      if (r.trap !== Trap.None) {
        expect(r.trap).toBe(Trap.ValueStackExhausted);
        break;
      }
      deepest = n;
    }
    expect(deepest).toBeGreaterThan(50);
    expect(deepest).toBeLessThan(199);
    expect(grown.store.thread.slots).toBeLessThanOrEqual(5000);
  });

  it("a host function that calls back into Wasm may grow the stack under a running caller", () => {
    const store = newStore(new Limits());
    const type = new FuncType(new Uint8Array([ValType.I32]), new Uint8Array([ValType.I32]));
    let inner: ReturnType<typeof instance> | null = null;
    function deep(t: Thread, base: number): number {
      // 3000 nested calls: the stack and the frames grow while the caller's frame is live
      const r = call(inner!, "depth", [b(3000)]);
      if (r.trap !== Trap.None) return r.trap;
      t.i32[base * 2] = t.i32[base * 2] + Number(r.results[0]);
      return Trap.None;
    }
    const h = hostFunction(store, type, deep, 0);
    const m = loadOrThrow(
      wat(`(module
        (import "env" "deep" (func $deep (param i32) (result i32)))
        (func (export "outer") (param i32) (result i32) (local i64 i32)
          (local.set 1 (i64.const 0x123456789))
          (local.set 2 (i32.add (local.get 0) (i32.const 5)))
          (i32.add (i32.add (call $deep (local.get 0)) (local.get 2))
            (i32.wrap_i64 (i64.shr_u (local.get 1) (i64.const 32))))))`),
    );
    const rec = instantiateOrThrow(store, loadOrThrow(wat(recursion)));
    inner = rec;
    const slotsBefore = store.thread.slots;
    const inst = instantiateOrThrow(store, m, [new ImportBinding(utf8("env"), utf8("deep"), h)]);
    // (10 + 3000) + (10 + 5) + 1
    expect(call(inst, "outer", [b(10)]).results).toEqual([b(3026)]);
    expect(store.thread.slots).toBeGreaterThan(slotsBefore);
  });
});

describe("host functions calling back into Wasm", () => {
  it("nest at most MAX_NESTED_CALLS deep (each nesting is a native call), and the store stays usable", () => {
    const store = newStore(new Limits());
    const type = new FuncType(new Uint8Array([ValType.I32]), new Uint8Array([ValType.I32]));
    let self: ReturnType<typeof instance> | null = null;
    let deepest = 0;
    // host(n) calls the module's rec(n - 1), which calls host again: one nesting per level
    function host(t: Thread, base: number): number {
      const n = t.i32[base * 2];
      deepest = Math.max(deepest, t.nested);
      if (n === 0) return Trap.None;
      const r = call(self!, "rec", [b(n - 1)]);
      if (r.trap !== Trap.None) return r.trap;
      t.i32[base * 2] = Number(r.results[0]) + 1;
      return Trap.None;
    }
    const h = hostFunction(store, type, host, 0);
    const m = loadOrThrow(
      wat(`(module
        (import "env" "host" (func $host (param i32) (result i32)))
        (func (export "rec") (param i32) (result i32) (call $host (local.get 0))))`),
    );
    self = instantiateOrThrow(store, m, [new ImportBinding(utf8("env"), utf8("host"), h)]);
    expect(call(self, "rec", [b(10)]).results).toEqual([b(10)]);
    const tooDeep = call(self, "rec", [b(MAX_NESTED_CALLS + 5)]);
    expect(tooDeep.trap).toBe(Trap.CallDepthExceeded);
    expect(deepest).toBe(MAX_NESTED_CALLS);
    // nothing leaked: the same calls work again
    expect(store.thread.nested).toBe(0);
    expect(call(self, "rec", [b(MAX_NESTED_CALLS - 1)]).results).toEqual([b(MAX_NESTED_CALLS - 1)]);
  });
});

describe("lazy translation", () => {
  it("translates a function on its first call, only the ones that run", () => {
    const inst = instance(wat(recursion));
    const m = inst.module;
    expect([0, 1, 2].map((d) => translated(m, d))).toEqual([false, false, false]);
    const stubsOnly = m.compiled!.used;
    expect(call(inst, "depth", [b(3)]).results).toEqual([b(3)]);
    expect([0, 1, 2].map((d) => translated(m, d))).toEqual([true, false, false]);
    expect(m.compiled!.used).toBeGreaterThan(stubsOnly);
    expect(call(inst, "unused", []).results).toEqual([b(7)]);
    expect([0, 1, 2].map((d) => translated(m, d))).toEqual([true, false, true]);
  });

  it("translates through tables, tail calls and imports from another instance", () => {
    const inst = instance(
      wat(`(module
        (type $t (func (param i32) (result i32)))
        (table funcref (elem $twice $tail $target))
        (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
        (func $tail (param i32) (result i32) (return_call $target (local.get 0)))
        (func $target (param i32) (result i32) (i32.add (local.get 0) (i32.const 100)))
        (func (export "via") (param i32 i32) (result i32) (call_indirect (type $t) (local.get 1) (local.get 0))))`),
    );
    expect(call(inst, "via", [b(0), b(21)]).results).toEqual([b(42)]);
    expect(translated(inst.module, 1)).toBe(false);
    expect(call(inst, "via", [b(1), b(1)]).results).toEqual([b(101)]);
    // again, through the tail call's site (its callee is translated now)
    expect(call(inst, "via", [b(1), b(2)]).results).toEqual([b(102)]);
    expect(call(inst, "via", [b(2), b(3)]).results).toEqual([b(103)]);
  });

  it("still refuses a module whose uncalled function is invalid", () => {
    const err = loadError(watUnchecked(`(module (func (export "ok")) (func (result i32) (i64.const 0)))`));
    expect(err).not.toBeNull();
    expect(err!.message).toContain("type mismatch");
  });

  it("translateModule translates everything; unloadModule frees the code", () => {
    const m = loadOrThrow(wat(recursion));
    translateModule(m);
    expect([0, 1, 2].map((d) => translated(m, d))).toEqual([true, true, true]);
    const arena = m.compiled!.storage.arena!;
    unloadModule(m);
    expect(arena.freed).toBe(true);
    expect(m.compiled).toBeNull();
  });
});

describe("buffers that grow free the old ones", () => {
  it("memory.grow replaces the memory's arena and frees the old one; freeStore frees the rest", () => {
    const inst = instance(
      wat(`(module (memory (export "m") 1)
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
        (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
        (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))`),
    );
    const mem = inst.mems[0];
    call(inst, "poke", [b(65532), b(0x5a5a)]);
    const first = mem.storage.arena!;
    expect(call(inst, "grow", [b(1)]).results).toEqual([b(1)]);
    expect(first.freed).toBe(true);
    expect(call(inst, "peek", [b(65532)]).results).toEqual([b(0x5a5a)]);
    const t = inst.store.thread;
    const stackArena = t.stackStorage.arena!;
    const frameArena = t.frameStorage.arena!;
    const memArena = mem.storage.arena!;
    freeStore(inst.store);
    expect([stackArena.freed, frameArena.freed, memArena.freed]).toEqual([true, true, true]);
  });
});
