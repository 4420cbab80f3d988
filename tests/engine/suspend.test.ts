// Calls run in slices (Thread.slice): the interpreter suspends with
// Trap.Yield when a slice is used up or a host function waits, and
// resume() continues exactly where it stopped. The supervisor's scheduler is
// built on this, so the results must be those of an uninterrupted run.
import { beforeAll, describe, expect, it } from "vitest";
import { abandon, hostFunction, instantiate, invoke, load, newStore, resume } from "../../core/engine/api.ts";
import { InstantiateError } from "../../core/engine/instantiate.ts";
import { LoadError } from "../../core/engine/module.ts";
import { ImportBinding, type Thread } from "../../core/engine/runtime.ts";
import { FuncType, Limits, Trap, ValType } from "../../core/engine/types.ts";
import { initWabt, wat } from "./engine-helpers.ts";

const enc = (s: string) => new TextEncoder().encode(s);

const FIB = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "count") (param i32) (result i64) (local i64)
    (loop $l
      (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1)))`;

/** Instantiates `text` in a store whose calls run in slices of `slice` fuel. */
function sliced(text: string, slice: number, limits = new Limits(), imports: (s: ReturnType<typeof newStore>) => ImportBinding[] = () => []) {
  const err = new LoadError();
  const m = load(wat(text), err);
  if (m === null) throw new Error(err.message);
  const store = newStore(limits);
  store.thread.slice = slice;
  const ierr = new InstantiateError();
  const inst = instantiate(store, m, imports(store), ierr);
  if (inst === null) throw new Error("instantiate failed");
  return { store, inst };
}

/** Calls `name`, resuming after every Trap.Yield; returns the result, the trap and how many slices it took. */
function runToEnd(s: ReturnType<typeof sliced>, name: string, args: bigint[], onYield: () => void = () => {}) {
  const results = new BigInt64Array(1);
  let trap = invoke(s.inst, enc(name), BigInt64Array.from(args), results);
  let slices = 1;
  while (trap === Trap.Yield) {
    onYield();
    trap = resume(s.store, results);
    slices++;
  }
  return { trap, result: results[0], slices };
}

beforeAll(initWabt);

describe("calls in slices", () => {
  it("a recursive call suspended thousands of times gives the uninterrupted result", () => {
    const r = runToEnd(sliced(FIB, 500), "fib", [20n]);
    expect(r.trap).toBe(Trap.None);
    expect(r.result).toBe(6765n);
    expect(r.slices).toBeGreaterThan(50);
  });

  it("a loop's back edge suspends, and its i64 accumulator survives", () => {
    const r = runToEnd(sliced(FIB, 1000), "count", [100000n]);
    expect(r.trap).toBe(Trap.None);
    expect(r.result).toBe(5000050000n);
    expect(r.slices).toBeGreaterThan(20);
  });

  it("the store's fuel budget still ends a sliced call with OutOfFuel", () => {
    const limits = new Limits();
    limits.fuel = 20000;
    const r = runToEnd(sliced(FIB, 1000, limits), "count", [1000000n]);
    expect(r.trap).toBe(Trap.OutOfFuel);
    expect(r.slices).toBeGreaterThan(5);
  });

  it("a new call is refused while one is suspended, and abandon() frees the thread", () => {
    const s = sliced(FIB, 100);
    const results = new BigInt64Array(1);
    expect(invoke(s.inst, enc("fib"), BigInt64Array.from([25n]), results)).toBe(Trap.Yield);
    expect(invoke(s.inst, enc("fib"), BigInt64Array.from([5n]), results)).toBe(Trap.BadInvoke);
    abandon(s.store);
    expect(s.store.thread.depth).toBe(0);
    expect(s.store.thread.top).toBe(0);
    expect(runToEnd(s, "fib", [10n]).result).toBe(55n);
  });

  it("a host function that yields is resumed after its call, with its result", () => {
    const text = `(module (import "env" "wait" (func $wait (param i32) (result i32)))
      (func (export "main") (result i64) (local i32) (local i64)
        (loop $l
          (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (call $wait (local.get 0)))))
          (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 5))))
        (local.get 1)))`;
    let waits = 0;
    const wait = (t: Thread, base: number): number => {
      t.i32[base << 1] = t.i32[base << 1] * 10;
      waits++;
      return t.canYield() ? Trap.Yield : Trap.None;
    };
    const type = new FuncType(new Uint8Array([ValType.I32]), new Uint8Array([ValType.I32]));
    let yields = 0;
    const s = sliced(text, 1 << 20, new Limits(), (store) => [new ImportBinding(enc("env"), enc("wait"), hostFunction(store, type, wait, 0))]);
    const r = runToEnd(s, "main", [], () => yields++);
    expect(r.trap).toBe(Trap.None);
    expect(r.result).toBe(100n); // 0 + 10 + 20 + 30 + 40
    expect(waits).toBe(5);
    expect(yields).toBe(5);
  });

  it("without slices nothing yields", () => {
    const s = sliced(FIB, 0);
    const r = runToEnd(s, "fib", [15n]);
    expect(r).toEqual({ trap: Trap.None, result: 610n, slices: 1 });
  });
});
