// Test inputs and JavaScript-computed expected outputs for the C drivers in
// ./c, shared by the native tests and the Cortex-M0+ (qemu) test.
import {
  bitsToF64, diffLines, f32BitsToNumber, f64Hex, f64ToBits, hex64, rand64, rng,
} from "./helpers.ts";

export interface Case {
  /** driver in ./c */
  driver: string;
  args: string[];
  input: string[];
  /** one expected line per input line; for `grouped` drivers, the lines a
   *  command prints joined with " / " (the driver ends each with "--") */
  want: string[];
  grouped?: boolean;
}

/** Runs a case through `exec` (driver, stdin, args -> stdout lines); returns mismatches. */
export function check(c: Case, exec: (driver: string, input: string, args: string[]) => string[]): string[] {
  let got = exec(c.driver, c.input.join("\n") + "\n", c.args);
  if (c.grouped) {
    const text = got.join("\n");
    got = text.split("\n--").map((g) => g.replace(/^\n/, "").split("\n").join(" / "));
    if (got.pop() !== "") return ["missing final --"];
  }
  return diffLines(c.input, got, c.want);
}

function invariant(cond: boolean, what: string) {
  if (!cond) throw new Error(`test generator invariant failed: ${what}`);
}

// ---------------------------------------------------------------- numbers

let r = rng(7);
const U64 = (1n << 64n) - 1n;
function d(x: number): string {
  return Number.isNaN(x) ? "NaN" : f64Hex(x);
}

/** Interesting doubles: specials, boundaries of int32/uint32/2^53, huge, random. */
function doubles(): number[] {
  const xs: number[] = [
    0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 0.5, -0.5, 0.49999999999999994,
    -0.49999999999999994, 1.5, -1.5, 2.5, -2.5, 0.9999999999999999, -0.9999999999999999,
    1e300, -1e300, 1.7976931348623157e308, -1.7976931348623157e308, 1e21, 1e-7,
    4503599627370495.5, -4503599627370495.5, 4503599627370496, 4503599627370497,
  ];
  for (const base of [2 ** 31, 2 ** 32, 2 ** 53, 2 ** 63, 2 ** 64, 2 ** 84, 2 ** 85, 2 ** 52]) {
    for (const k of [-2, -1, -0.5, 0, 0.5, 1, 2, 1.25]) {
      xs.push(base + k, -(base + k), base * 3 + k, -(base * 5 + k));
    }
  }
  for (let i = 0; i < 3000; i++) {
    const x = bitsToF64(rand64(r));
    xs.push(x);
    const e = Math.floor(r() * 90);
    const y = (r() - 0.5) * 2 ** e;
    xs.push(y, Math.trunc(y), Math.trunc(y) + 0.5, Math.trunc(y) - 0.5);
  }
  return xs;
}

function randI64(): bigint {
  return BigInt.asIntN(64, rand64(r));
}
function smallish(): bigint {
  // mostly values with fewer bits, so quotients and shifts are interesting
  const bits = Math.floor(r() * 64);
  return BigInt.asIntN(64, rand64(r) >> BigInt(64 - bits - 1 > 0 ? 64 - bits - 1 : 0));
}

/** ToInt32, ToUint32, Math.clz32, min, max, round, sign, %, truthiness */
export function numberCase(): Case {
  r = rng(7);
  const xs = doubles();
  const lines: string[] = [];
  const want: string[] = [];
  for (const x of xs) {
    lines.push(`toint32 ${f64Hex(x)}`);
    want.push(String(x | 0));
    lines.push(`touint32 ${f64Hex(x)}`);
    want.push(String(x >>> 0));
    lines.push(`round ${f64Hex(x)}`);
    want.push(d(Math.round(x)));
    lines.push(`sign ${f64Hex(x)}`);
    want.push(d(Math.sign(x)));
    lines.push(`truthy ${f64Hex(x)}`);
    want.push(x ? "1" : "0");
  }
  const specials = [0, -0, NaN, Infinity, -Infinity, 1, -1, 5e-324, -5e-324, 2.5, -2.5, 1e308];
  const pairs: [number, number][] = [];
  for (const a of specials) for (const b of specials) pairs.push([a, b]);
  for (let i = 0; i < 2000; i++) pairs.push([xs[Math.floor(r() * xs.length)]!, xs[Math.floor(r() * xs.length)]!]);
  for (let i = 0; i < 2000; i++) {
    const a = Math.floor((r() - 0.5) * 2 ** 40);
    pairs.push([a, Math.floor((r() - 0.5) * 2 ** Math.floor(r() * 20))], [a / 8, 0.125 * Math.floor(r() * 100 - 50)]);
  }
  for (const [a, b] of pairs) {
    lines.push(`min ${f64Hex(a)} ${f64Hex(b)}`);
    want.push(d(Math.min(a, b)));
    lines.push(`max ${f64Hex(a)} ${f64Hex(b)}`);
    want.push(d(Math.max(a, b)));
    lines.push(`remf ${f64Hex(a)} ${f64Hex(b)}`);
    want.push(d(a % b));
  }
  for (const u of [0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 0x00010000, 0x0000ffff]) {
    lines.push(`clz32 ${u}`);
    want.push(String(Math.clz32(u)));
  }
  for (let i = 0; i < 500; i++) {
    const u = Math.floor(r() * 2 ** 32) >>> Math.floor(r() * 32);
    lines.push(`clz32 ${u}`);
    want.push(String(Math.clz32(u)));
  }
  return { driver: "ops", args: [], input: lines, want };
}

/** (a / b) | 0 and (a % b) | 0 on integers */
export function intDivCase(): Case {
  r = rng(8);
  const lines: string[] = [];
  const want: string[] = [];
  const ints = [0, 1, -1, 2, -2, 7, -7, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, -(2 ** 53), 2 ** 53 - 1, 1e15 + 3];
  const pairs: [number, number][] = [];
  for (const a of ints) for (const b of ints) pairs.push([a, b]);
  for (let i = 0; i < 3000; i++) {
    const a = Math.trunc((r() - 0.5) * 2 ** Math.floor(r() * 54));
    const b = Math.trunc((r() - 0.5) * 2 ** Math.floor(r() * 54));
    pairs.push([a, b]);
  }
  for (const [a, b] of pairs) {
    lines.push(`divtoint ${a} ${b}`);
    const q = a / b;
    // the helper truncates; for int32-range quotients that is exactly (a / b) | 0
    want.push(String(Number.isFinite(q) ? Math.trunc(q) + 0 : 0));
    if (Number.isFinite(q) && Math.abs(q) < 2 ** 31) invariant(Math.trunc(q) + 0 === ((a / b) | 0), "div");
    lines.push(`remtoint ${a} ${b}`);
    // the helper returns the remainder itself (b == 0 -> 0); | 0 is the caller's
    want.push(String(b === 0 ? 0 : (a % b) + 0));
    if (b !== 0 && Math.abs(a % b) < 2 ** 31) invariant((a % b) + 0 === ((a % b) | 0), "rem");
  }
  return { driver: "ops", args: [], input: lines, want };
}

/** bigint division, remainder, shifts, asIntN/asUintN, mixed compare, Number(x), decimal */
export function bigintCase(): Case {
  r = rng(9);
  const lines: string[] = [];
  const want: string[] = [];
  const MIN = -(1n << 63n);
  const MAX = (1n << 63n) - 1n;
  const i64s = [0n, 1n, -1n, 2n, -2n, 3n, -3n, 7n, -7n, MIN, MAX, MIN + 1n, MAX - 1n, 1n << 32n, -(1n << 32n)];
  for (let i = 0; i < 400; i++) i64s.push(randI64(), smallish());
  const u64s = [0n, 1n, 2n, 3n, U64, U64 - 1n, 1n << 63n, (1n << 63n) - 1n, (1n << 63n) + 1n, 1n << 32n];
  for (let i = 0; i < 400; i++) u64s.push(rand64(r), BigInt.asUintN(64, smallish()));
  const pick = <T,>(a: T[]): T => a[Math.floor(r() * a.length)]!;

  for (let i = 0; i < 4000; i++) {
    const a = pick(i64s);
    const b = pick(i64s);
    if (b !== 0n) {
      lines.push(`i64div ${a} ${b}`);
      want.push(String(BigInt.asIntN(64, a / b)));
      lines.push(`i64rem ${a} ${b}`);
      want.push(String(BigInt.asIntN(64, a % b)));
    }
    const ua = pick(u64s);
    const ub = pick(u64s);
    if (ub !== 0n) {
      lines.push(`u64div ${ua} ${ub}`);
      want.push(String(ua / ub));
      lines.push(`u64rem ${ua} ${ub}`);
      want.push(String(ua % ub));
    }
    lines.push(`cmpiu ${a} ${ua}`);
    want.push(String(a < ua ? -1 : a > ua ? 1 : 0));
    const cmpSame = BigInt.asUintN(64, a) >= 0n && a >= 0n ? a : 0n; // equal values
    lines.push(`cmpiu ${cmpSame} ${cmpSame}`);
    want.push("0");
  }
  for (const a of [MIN, MIN + 1n, -1n, 0n]) {
    lines.push(`i64div ${a} -1`, `i64rem ${a} -1`);
    want.push(String(BigInt.asIntN(64, a / -1n)), String(BigInt.asIntN(64, a % -1n)));
  }
  const shifts = [0n, 1n, 2n, 31n, 32n, 33n, 62n, 63n, 64n, 65n, 100n, 1000n, U64];
  for (let i = 0; i < 1500; i++) {
    const n = r() < 0.8 ? BigInt(Math.floor(r() * 70)) : pick(shifts);
    const x = pick(u64s);
    const s = pick(i64s);
    lines.push(`shl64 ${x} ${n}`);
    want.push(String(n >= 64n ? 0n : BigInt.asUintN(64, x << n))); // x * 2^n mod 2^64
    lines.push(`shr64 ${x} ${n}`);
    want.push(String(x >> n));
    lines.push(`sar64 ${s} ${n}`);
    want.push(String(s >> n));
    const bits = Math.floor(r() * 65);
    lines.push(`asintn ${x} ${bits}`);
    want.push(String(BigInt.asIntN(bits, x)));
    lines.push(`asuintn ${x} ${bits}`);
    want.push(String(BigInt.asUintN(bits, x)));
  }
  for (const n of shifts) {
    for (const x of [MIN, -1n, 1n, MAX]) {
      lines.push(`sar64 ${x} ${n}`);
      want.push(String(x >> n));
    }
  }
  // Number(bigint): round to nearest, ties to even; hit the ties on purpose
  const conv: bigint[] = [...i64s];
  const uties: bigint[] = [];
  for (let k = 53; k < 64; k++) {
    const unit = 1n << BigInt(k - 53); // one ulp at 2^k is 2^(k-52); half-ulp is this
    for (const m of [1n, 3n, 5n]) {
      const v = (1n << BigInt(k)) + m * unit;
      if (k < 63) conv.push(v, -v);
      uties.push(v);
    }
  }
  for (const x of conv) {
    lines.push(`i2f ${x}`);
    want.push(d(Number(x)));
  }
  const uconv: bigint[] = [...u64s, ...uties, U64, U64 - 1024n, U64 - 1023n, (1n << 64n) - 2048n, (1n << 63n) + 1024n, (1n << 63n) + 3072n];
  for (const x of uconv) {
    lines.push(`u2f ${x}`);
    want.push(d(Number(x)));
    lines.push(`fmtu ${x}`);
    want.push(`${x} ${String(x).length}`);
  }
  for (const x of i64s) {
    lines.push(`fmti ${x}`);
    want.push(`${x} ${String(x).length}`);
  }
  return { driver: "ops", args: [], input: lines, want };
}

// ---------------------------------------------------------------- number formatting

function nextUp(x: number, k: number): number {
  // k ulps away from x along the bit patterns (same sign), staying finite
  const b = f64ToBits(x) + BigInt(k);
  if (b < 0n || b >= 0x7ff0000000000000n) return x;
  return bitsToF64(b);
}

export function fmtCorpus(): number[] {
  const r = rng(20240611);
  const xs: number[] = [];
  const push = (x: number) => xs.push(x, -x);
  // special values and known hard cases
  for (const x of [
    0, NaN, Infinity, 5e-324, 1e-323, 2.225073858507201e-308, 2.2250738585072014e-308,
    Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3,
    0.49999999999999994, 0.5, 1.5, 123456789012345680000, 1e21, 1e-7, 1.5e-7, 0.000001,
    9007199254740991, 9007199254740992, 9007199254740993, 9007199254740994, 2 ** 53 + 2,
    4294967295, 4294967296, 2147483647, 2147483648, 1e15, 1e16, 1e17, 1.7976931348623157e308,
    5e-310, 4.9406564584124654e-324, 9.5e-323, 123e-20, 1e23, 8.41e21, 5.0e-324 * 3,
    2.5, 0.000001234, 1234567.125, 1.0000000000000002, 0.9999999999999999,
  ]) push(x);
  // random bit patterns (all exponents, NaNs and infinities included)
  for (let i = 0; i < 100_000; i++) xs.push(bitsToF64(rand64(r)));
  // subnormals
  for (let i = 0; i < 15_000; i++) push(bitsToF64(rand64(r) & 0x000fffffffffffffn));
  // integers of every magnitude (beyond 2^53 they are rounded)
  for (let i = 0; i < 20_000; i++) {
    const k = Math.floor(r() * 75);
    push(Math.floor(r() * 2 ** k));
  }
  // powers of two and their neighbours
  for (let e = -1074; e <= 1023; e++) {
    const p = 2 ** e;
    for (let k = -3; k <= 3; k++) xs.push(nextUp(p, k));
  }
  // powers of ten and their neighbours
  for (let e = -323; e <= 308; e++) {
    const p = Number(`1e${e}`);
    for (let k = -3; k <= 3; k++) push(nextUp(p, k));
  }
  // around the format switches 1e21 and 1e-7 (and 1e-6, 1e20)
  for (const c of [1e21, 1e-7, 1e-6, 1e20]) {
    for (let k = -2000; k <= 2000; k++) push(nextUp(c, k));
  }
  // short decimals: the values people write, where the shortest digits matter
  for (let i = 0; i < 35_000; i++) {
    const nd = 1 + Math.floor(r() * 17);
    let digits = "";
    for (let j = 0; j < nd; j++) digits += String(Math.floor(r() * 10));
    const exp = Math.floor(r() * 660) - 340;
    push(Number(`${digits}e${exp}`));
  }
  // plain fractions and Math.random-like values
  for (let i = 0; i < 8_000; i++) {
    push(r());
    push(Math.floor(r() * 1000) / (1 + Math.floor(r() * 1000)));
  }
  return xs;
}

/** sts_fmt_f64(x, 0) against String(x); every `step`-th double of the corpus */
export function fmtCase(step = 1): Case {
  const xs = fmtCorpus().filter((_, i) => i % step === 0);
  return { driver: "fmt", args: ["0"], input: xs.map((x) => hex64(f64ToBits(x))), want: xs.map((x) => String(x)) };
}

// ---------------------------------------------------------------- typed arrays

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

/** subarray, slice, fill, set, copyWithin, of, views against real typed arrays */
export function typedCase(): Case {
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
  return { driver: "typed", args: [], input: lines, want, grouped: true };
}

// ---------------------------------------------------------------- DataView and float32

const types = ["Uint8", "Int8", "Uint16", "Int16", "Uint32", "Int32", "Float32", "Float64", "BigInt64", "BigUint64"] as const;
type T = (typeof types)[number];
const width: Record<T, number> = {
  Uint8: 1, Int8: 1, Uint16: 2, Int16: 2, Uint32: 4, Int32: 4, Float32: 4, Float64: 8, BigInt64: 8, BigUint64: 8,
};

/** DataView get/set of every type and byte order against a real DataView */
export function dataviewCase(): Case {
  const r = rng(5);
  const buf = new ArrayBuffer(24);
  const bytes = new Uint8Array(buf);
  const dv = new DataView(buf, 4, 16);
  const dump = () => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const lines: string[] = [];
  const want: string[] = [];
  const call = dv as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (let i = 0; i < 6000; i++) {
    const t = types[Math.floor(r() * types.length)]!;
    const off = Math.floor(r() * (16 - width[t] + 1));
    const le = r() < 0.5 ? 1 : 0;
    if (r() < 0.5) {
      let text: string;
      let value: number | bigint;
      const bits = rand64(r);
      switch (t) {
        case "Float32": {
          let b = Number(bits & 0xffffffffn);
          if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) b = (b & 0xff7fffff) >>> 0; // no NaNs here
          text = b.toString(16).padStart(8, "0");
          value = f32BitsToNumber(b);
          break;
        }
        case "Float64":
          // NaN payloads included: V8 keeps float64 NaN bits through DataView
          text = hex64(bits);
          value = bitsToF64(bits);
          break;
        case "BigInt64":
          value = BigInt.asIntN(64, bits);
          text = String(value);
          break;
        case "BigUint64":
          value = bits;
          text = String(value);
          break;
        default: {
          const w = BigInt(width[t] * 8);
          value = Number(t.startsWith("Int") ? BigInt.asIntN(Number(w), bits) : BigInt.asUintN(Number(w), bits));
          text = String(value);
        }
      }
      lines.push(`set ${t} ${off} ${text} ${le}`);
      call[`set${t}`]!.call(dv, off, value, le === 1);
      want.push(dump());
    } else {
      lines.push(`get ${t} ${off} ${le}`);
      const got = call[`get${t}`]!.call(dv, off, le === 1) as number | bigint;
      want.push(typeof got === "bigint" ? String(got) : t.startsWith("Float") ? hex64(f64ToBits(got)) : String(got));
    }
  }
  return { driver: "dv", args: [], input: lines, want };
}

/** (float)d, (double)f and Math.fround against V8, NaN payloads included */
export function float32Case(): Case {
  const r = rng(11);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const lines: string[] = [];
  const want: string[] = [];
  const nanBits: bigint[] = [
    0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff8000000000001n, 0x7ff0000000000001n,
    0x7ff4000000000000n, 0xfff4000000000000n, 0x7ff123456789abcdn, 0x7ff8000020000000n,
    0x7ff0000020000000n, 0x7fffffffffffffffn, 0xffffffffffffffffn, 0x7ff00000e0000000n,
  ];
  const d64: bigint[] = [...nanBits];
  for (let i = 0; i < 3000; i++) {
    const b = rand64(r);
    d64.push(b, (b & 0x800fffffffffffffn) | 0x7ff0000000000000n); // random, and random NaN
    if (BigInt.asUintN(63, b) === 0x7ff0000000000000n) d64.pop();
  }
  for (const b of d64) {
    const x = bitsToF64(b);
    f32[0] = x;
    lines.push(`d2f ${hex64(b)}`);
    want.push(u32[0]!.toString(16).padStart(8, "0"));
    lines.push(`fround ${hex64(b)}`);
    want.push(hex64(f64ToBits(Math.fround(x))));
  }
  const f32bits: number[] = [0x7f800001, 0x7fc00000, 0xffc00000, 0x7fc00001, 0xff800123, 0x7fbfffff, 0x7fffffff];
  for (let i = 0; i < 3000; i++) {
    const b = Math.floor(r() * 2 ** 32);
    f32bits.push(b, ((b & 0x807fffff) | 0x7f800000) >>> 0);
  }
  for (const b of f32bits) {
    if ((b & 0x7fffffff) === 0x7f800000) continue;
    u32[0] = b;
    lines.push(`f2d ${b.toString(16).padStart(8, "0")}`);
    want.push(hex64(f64ToBits(f32[0]!)));
  }
  return { driver: "dv", args: [], input: lines, want };
}
