// Phase 3: instantiation. Resolves imports, allocates tables, memories and
// globals, applies element and data segments, runs the start function.
import type { i32 } from "../types";
import { Module } from "./module";
import { ImportBinding, Instance, Store } from "./runtime";

export enum InstantiateFailure {
  None = 0,
  /** an import is missing or has the wrong kind or type (assert_unlinkable) */
  Unlinkable = 1,
  /** a segment is out of bounds or the start function trapped (assert_uninstantiable) */
  Trapped = 2,
  /** a limit (memory bytes, table elements) is smaller than the module needs */
  LimitExceeded = 3,
}

export class InstantiateError {
  failure: InstantiateFailure = InstantiateFailure.None;
  /** the Trap code when failure is Trapped */
  trap: i32 = 0;
  message: string = "";
}

/** Instantiates m in store; returns null with `err` set on failure. */
export function instantiate(store: Store, m: Module, imports: ImportBinding[], err: InstantiateError): Instance | null {
  err.failure = InstantiateFailure.Unlinkable;
  err.message = "instantiation not written yet";
  return imports.length < 0 ? new Instance(m, store) : null;
}
