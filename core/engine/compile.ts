// Phase 2: validates every function body and translates it into the internal
// code that execute.ts runs (README.md, "Internal code").
import { LoadError, Module } from "./module";

/** Validates and translates all of m's function bodies into m.compiled; false with `err` set on the first invalid one. */
export function compile(m: Module, err: LoadError): boolean {
  return err.fail(m.bytes.length, "compiler not written yet", false);
}
