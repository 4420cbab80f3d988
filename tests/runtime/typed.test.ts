// Typed arrays: subarray/slice/fill/set/copyWithin/views against real typed arrays.
import { describe, expect, it } from "vitest";
import { buildDriver, diffLines, rng, runLines } from "./helpers.ts";

type AnyTA =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

const kinds = {
  Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const;
type Kind = keyof typeof kinds;
const kindNames = Object.keys(kinds) as Kind[];
const isBig = (k: Kind) => k === "BigInt64Array" || k === "BigUint64Array";

function make(k: Kind, n: number, base: number, step: number): AnyTA {
  const a = new kinds[k](n) as AnyTA;
  for (let i = 0; i < n; i++) {
    const v = base + step * i;
    // the driver converts the C int to the element type, which wraps like JS does
    if (isBig(k)) (a as BigInt64Array)[i] = BigInt(v);
    else (a as Int32Array)[i] = v;
  }
  return a;
}

const show = (a: AnyTA): string => Array.from(a as ArrayLike<number | bigint>).join(",");

function set0(k: Kind, a: AnyTA, v: number) {
  if (a.length === 0) return;
  if (isBig(k)) (a as BigInt64Array)[0] = BigInt(v);
  else (a as Int32Array)[0] = v;
}

/** What the driver prints for one line, computed with real typed arrays. */
function expected(k: Kind, op: string, v: number[]): string[] {
  const a = make(k, v[0]!, 1, 3);
  switch (op) {
    case "new":
      return [show(new kinds[k](v[0]!) as AnyTA)];
    case "of":
      return [show((kinds[k] as unknown as { from(x: AnyTA): AnyTA }).from(a))];
    case "sub": {
      const r = a.subarray(v[1], v[2]) as AnyTA;
      const out = [show(r)];
      set0(k, r, 99);
      return [...out, show(a)];
    }
    case "slice": {
      const r = a.slice(v[1], v[2]) as AnyTA;
      const out = [show(r)];
      set0(k, r, 99);
      return [...out, show(a)];
    }
    case "fill":
      if (isBig(k)) (a as BigInt64Array).fill(BigInt(v[1]!), v[2], v[3]);
      else (a as Int32Array).fill(v[1]!, v[2], v[3]);
      return [show(a)];
    case "set":
      (a as Int32Array).set(make(k, v[1]!, 100, 1) as Int32Array, v[2]);
      return [show(a)];
    case "setov":
      (a.subarray(v[1]) as Int32Array).set(a.subarray(v[2], v[3]) as Int32Array, v[4]);
      return [show(a)];
    case "cw":
      a.copyWithin(v[1]!, v[2]!, v[3]);
      return [show(a)];
    case "view": {
      const b = new ArrayBuffer(v[0]!);
      const bytes = new Uint8Array(b);
      for (let i = 0; i < bytes.length; i++) bytes[i] = i;
      const w = (v[2] === -1 ? new kinds[k](b, v[1]) : new kinds[k](b, v[1], v[2])) as AnyTA;
      const out = [show(w)];
      set0(k, w, 0);
      return [...out, Array.from(bytes).join(",")];
    }
  }
  throw new Error(op);
}

function throws(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch {
    return true;
  }
}

describe("typed arrays", () => {
  it("subarray, slice, fill, set, copyWithin, of, views match JS", () => {
    const r = rng(99);
    const ri = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
    // relative indices: negative, in range, past the end, huge
    const rel = (n: number) => {
      const c = r();
      if (c < 0.1) return ri(-1e12, 1e12);
      if (c < 0.15) return [0, -0, n, -n, n + 1, -n - 1][ri(0, 5)]!;
      return ri(-n - 3, n + 3);
    };
    const lines: string[] = [];
    const want: string[] = [];
    const add = (k: Kind, op: string, v: number[]) => {
      lines.push(`${k} ${op} ${v.join(" ")}`);
      want.push(expected(k, op, v).join(" / "));
    };
    for (const k of kindNames) {
      for (const n of [0, 1, 5]) add(k, "new", [n]);
      add(k, "of", [7]);
      add(k, "of", [0]);
      for (let i = 0; i < 120; i++) {
        const n = ri(0, 12);
        add(k, "sub", [n, rel(n), rel(n)]);
        add(k, "slice", [n, rel(n), rel(n)]);
        add(k, "fill", [n, ri(-5, 120), rel(n), rel(n)]);
        add(k, "cw", [n, rel(n), rel(n), rel(n)]);
        // omitted arguments as the compiler passes them: end = length, begin = 0
        add(k, "sub", [n, rel(n), n]);
        add(k, "fill", [n, 42, 0, n]);
        add(k, "cw", [n, rel(n), rel(n), n]);
        const m = ri(0, n);
        add(k, "set", [n, m, ri(0, n - m)]);
        // overlapping set inside one buffer (JS copies the source first)
        const db = ri(0, n);
        const sb = ri(0, n);
        const se = ri(sb, n);
        const dlen = n - db;
        const slen = se - sb;
        if (slen <= dlen) add(k, "setov", [n, db, sb, se, ri(0, dlen - slen)]);
      }
      const size = kinds[k].BYTES_PER_ELEMENT;
      for (let i = 0; i < 60; i++) {
        const blen = ri(0, 40);
        const off = ri(0, 5) * size + (r() < 0.2 ? ri(0, size - 1) : 0);
        const len = r() < 0.4 ? -1 : ri(0, 6);
        const f = () => (len === -1 ? new kinds[k](new ArrayBuffer(blen), off) : new kinds[k](new ArrayBuffer(blen), off, len));
        if (!throws(f)) add(k, "view", [blen, off, len]);
      }
    }
    const out = runLines(buildDriver("typed"), lines.join("\n") + "\n").join("\n");
    const got = out.split("\n--").map((g) => g.replace(/^\n/, "").split("\n").join(" / "));
    expect(got.pop()).toBe("");
    expect(lines.length).toBeGreaterThan(9000);
    expect(diffLines(lines, got, want)).toEqual([]);
  });
});
