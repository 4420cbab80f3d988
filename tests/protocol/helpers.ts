// Shared by the protocol tests: reproducible random bytes (a seeded
// xorshift32, so a failure can be replayed) and a stream splitter.

/** A seeded generator of random integers and byte strings. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** A uniform integer in [0, n). */
  int(n: number): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state % n;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
  /** Bytes with many zeros and long non-zero runs: COBS's corner cases. */
  cobsy(n: number): Uint8Array {
    const out = new Uint8Array(n);
    const zeroEvery = [2, 5, 50, 253, 254, 255, 256, 1000][this.int(8)];
    for (let i = 0; i < n; i++) out[i] = this.int(zeroEvery) === 0 ? 0 : 1 + this.int(255);
    return out;
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);
