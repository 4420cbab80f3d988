// Phase 1: the binary decoder. Bytes -> Module, with every module-level check
// (sections, indices, limits, constant expressions); function bodies are
// checked by compile.ts.
import { LoadError, Module } from "./module";

/** Decodes `bytes`; on failure returns null with `err` set (offset, reason, malformed or invalid). */
export function decode(bytes: Uint8Array, err: LoadError): Module | null {
  err.fail(0, "decoder not written yet", true);
  return bytes.length < 0 ? new Module(bytes) : null;
}
