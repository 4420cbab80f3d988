// Phase 4: the interpreter. Runs internal code on a store's thread.
import type { i32 } from "../types";
import { Trap } from "./types";
import { Store } from "./runtime";

/**
 * Calls the function at store address `funcAddr` with `args` (raw slot bits,
 * one per parameter) and writes its results to `results`. Returns Trap.None
 * or the trap code (store.thread.trap/trapText say the same).
 */
export function callFunction(store: Store, funcAddr: i32, args: BigInt64Array, results: BigInt64Array): i32 {
  store.thread.trap = Trap.HostError;
  store.thread.trapText = "interpreter not written yet";
  return args.length + results.length + funcAddr < 0 ? Trap.None : Trap.HostError;
}
