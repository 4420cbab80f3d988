// The imported host functions of generated modules ("env" "h<k>"): the same
// deterministic function of the arguments on both engines, given to V8 as a
// JS function and to our engine as a HostFunc. Results are finite (no NaN
// bits for JS to lose); about one call in 16 (by a hash of the arguments) fails
// (V8: the JS exception; engine: Trap.HostError).
import { F32, F64, I32, I64 } from "./ops.mjs";

export const HOST_TRAP_TEXT = "fuzz host trap";
const MASK64 = (1n << 64n) - 1n;
const CANON_F32 = 0x7fc00000n;
const CANON_F64 = 0x7ff8000000000000n;

const dv = new DataView(new ArrayBuffer(8));
const isNaN32 = (b) => (b & 0x7f800000n) === 0x7f800000n && (b & 0x7fffffn) !== 0n;
const isNaN64 = (b) => (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n;

/** Argument bits as the host sees them: unsigned, a NaN's bits replaced by the canonical NaN (JS keeps no NaN bits). */
export function normalizeArg(t, bits) {
  switch (t) {
    case I32:
      return BigInt.asUintN(32, bits);
    case I64:
      return BigInt.asUintN(64, bits);
    case F32: {
      const b = BigInt.asUintN(32, bits);
      return isNaN32(b) ? CANON_F32 : b;
    }
    default: {
      const b = BigInt.asUintN(64, bits);
      return isNaN64(b) ? CANON_F64 : b;
    }
  }
}

/** { trap } or { results: unsigned bits per result type } for normalized argument bits. */
export function hostResults(params, results, args) {
  let h = 0xcbf29ce484222325n;
  for (const a of args) h = ((h ^ a) * 0x100000001b3n) & MASK64;
  if ((h & 0xfn) === 0xan) return { trap: true, results: [] };
  const out = results.map((t, j) => {
    const x = h >> BigInt(j);
    if (t === I32) return BigInt.asUintN(32, x);
    if (t === I64) return BigInt.asUintN(64, h ^ BigInt(j));
    if (t === F32) return x & 0x3fffffffn; // exponent below 0xff: finite
    return x & 0x3fffffffffffffffn;
  });
  return { trap: false, results: out };
}

function fromJs(t, v) {
  if (t === I32) return BigInt.asUintN(32, BigInt(v));
  if (t === I64) return BigInt.asUintN(64, v);
  if (t === F32) {
    dv.setFloat32(0, v, true);
    return normalizeArg(t, BigInt(dv.getUint32(0, true)));
  }
  dv.setFloat64(0, v, true);
  return normalizeArg(t, dv.getBigUint64(0, true));
}

function toJs(t, bits) {
  if (t === I32) return Number(BigInt.asIntN(32, bits));
  if (t === I64) return BigInt.asIntN(64, bits);
  if (t === F32) {
    dv.setUint32(0, Number(bits), true);
    return dv.getFloat32(0, true);
  }
  dv.setBigUint64(0, bits, true);
  return dv.getFloat64(0, true);
}

/** The host function as a JS import for V8. */
export function v8Host(params, results) {
  return (...args) => {
    const r = hostResults(params, results, params.map((t, i) => fromJs(t, args[i])));
    if (r.trap) throw new Error(HOST_TRAP_TEXT);
    const values = results.map((t, j) => toJs(t, r.results[j]));
    return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  };
}

/** The host function for the engine (a HostFunc: arguments and results in the thread's slots from `base`). */
export function engineHost(params, results, trapHostError) {
  return (t, base) => {
    const args = params.map((ty, i) => normalizeArg(ty, ty === I32 || ty === F32 ? BigInt(t.i32[2 * (base + i)]) : t.i64[base + i]));
    const r = hostResults(params, results, args);
    if (r.trap) {
      t.trapText = HOST_TRAP_TEXT;
      return trapHostError;
    }
    results.forEach((ty, j) => {
      if (ty === I32 || ty === F32) t.i32[2 * (base + j)] = Number(BigInt.asIntN(32, r.results[j]));
      else t.i64[base + j] = BigInt.asIntN(64, r.results[j]);
    });
    return 0;
  };
}
