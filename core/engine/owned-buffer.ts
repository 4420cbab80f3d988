// A buffer alone in an arena of its own. The C build has no garbage
// collector: a buffer replaced by a bigger one (the value stack, the call
// frames, a linear memory after memory.grow, the internal code after a lazy
// translation) would stay in its arena until the whole arena goes. Here the
// old bytes go back to the system as soon as the new ones hold their copy.
import type { u32 } from "../types";
import { Arena, arenaCreate, arenaFree, arenaUse } from "../arena";

const EMPTY = new ArrayBuffer(0);

export class OwnedBuffer {
  /** null while the buffer is empty (an empty buffer needs no arena) */
  arena: Arena | null = null;
  buf: ArrayBuffer = EMPTY;

  /**
   * Replaces the buffer by a zeroed one of `bytes` bytes that starts with the
   * first `keep` bytes of the old one, then frees the old one. Views of the
   * old buffer are dead afterwards (in C they point to freed memory).
   */
  resize(bytes: u32, keep: u32): void {
    const oldArena = this.arena;
    const oldBuf = this.buf;
    let arena: Arena | null = null;
    let buf = EMPTY;
    if (bytes > 0) {
      // one chunk of exactly the buffer's size
      arena = arenaCreate(bytes);
      const previous = arenaUse(arena);
      buf = new ArrayBuffer(bytes);
      arenaUse(previous);
      const n = keep < bytes ? keep : bytes;
      if (n > 0) new Uint8Array(buf).set(new Uint8Array(oldBuf, 0, n));
    }
    this.arena = arena;
    this.buf = buf;
    if (oldArena !== null) arenaFree(oldArena);
  }

  /** Frees the bytes (the buffer becomes empty). */
  free(): void {
    this.resize(0, 0);
  }
}
