// Strings are for messages (docs/static-typescript.md, "string-ops"); this is
// how a message leaves as bytes: a protocol frame's text field, a log record.
// Names (imports, exports, modules) are UTF-8 bytes, compared with sameBytes.
import type { u32 } from "./types";

/** The UTF-8 bytes of `s`, in a new array (allocated in the current arena). @intrinsic sts_str_utf8 */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** How many UTF-8 bytes `s` has. */
export function utf8Length(s: string): u32 {
  return utf8(s).length;
}

/** Whether a and b hold the same bytes (names: imports, exports, modules). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
