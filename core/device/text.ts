// Messages that carry the user's own bytes (a module's name, a capability it
// asked for) cannot be STS strings, which are for literals and numbers; they
// are built as UTF-8 bytes here, and go to the host as such.
import type { i32, u32, f64 } from "../types";
import { sameBytes, utf8 } from "../text";

/** A growable UTF-8 byte string. */
export class Text {
  bytes: Uint8Array = new Uint8Array(64);
  length: u32 = 0;

  private room(n: u32): void {
    if (this.length + n <= this.bytes.length) return;
    let size: f64 = this.bytes.length * 2;
    while (size < this.length + n) size = size * 2;
    const bigger = new Uint8Array(size >>> 0);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  /** Appends a message part (a literal or a number made into a string). */
  add(s: string): Text {
    return this.addBytes(utf8(s));
  }

  addBytes(b: Uint8Array): Text {
    this.room(b.length);
    this.bytes.set(b, this.length);
    this.length = (this.length + b.length) >>> 0;
    return this;
  }

  addInt(n: i32): Text {
    return this.add("" + n);
  }

  clear(): Text {
    this.length = 0;
    return this;
  }

  /** The bytes so far (a view: valid until the next append). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** Whether b equals the UTF-8 of the ASCII literal s. */
export function isWord(b: Uint8Array, s: string): boolean {
  return sameBytes(b, utf8(s));
}
