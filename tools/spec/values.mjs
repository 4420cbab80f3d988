// Spec-script values <-> raw 64-bit slot bits (core/engine/README.md,
// "Values"): an i32 or f32 is the low 32 bits, an i64 or f64 all 64, a
// reference is an i32: 0 = null, otherwise value + 1. Values in the JSON are
// decimal strings of the unsigned bit pattern, or "nan:canonical" /
// "nan:arithmetic" for floats, or "null" for references.

const MASK32 = 0xffffffffn;
const MASK64 = 0xffffffffffffffffn;

export class UnsupportedValue extends Error {}

/** A JSON argument -> its slot bits (unsigned). */
export function argBits(v) {
  switch (v.type) {
    case "i32":
    case "f32":
      return BigInt(v.value) & MASK32;
    case "i64":
    case "f64":
      return BigInt(v.value) & MASK64;
    case "externref":
      return v.value === "null" ? 0n : BigInt(v.value) + 1n;
    case "funcref":
      if (v.value === "null") return 0n;
      throw new UnsupportedValue("a non-null funcref argument");
    default:
      throw new UnsupportedValue(`a ${v.type} value`);
  }
}

const isRef = (type) => type === "externref" || type === "funcref";

/** Does the result slot `bits` (unsigned 64) match the expected JSON value? */
export function matches(expected, bits) {
  const { type, value } = expected;
  switch (type) {
    case "i32":
      return (bits & MASK32) === BigInt(value);
    case "i64":
      return (bits & MASK64) === BigInt(value);
    case "f32": {
      const b = bits & MASK32;
      if (value === "nan:canonical") return (b & 0x7fffffffn) === 0x7fc00000n;
      if (value === "nan:arithmetic") return (b & 0x7fc00000n) === 0x7fc00000n;
      return b === BigInt(value);
    }
    case "f64": {
      const b = bits & MASK64;
      if (value === "nan:canonical") return (b & 0x7fffffffffffffffn) === 0x7ff8000000000000n;
      if (value === "nan:arithmetic") return (b & 0x7ff8000000000000n) === 0x7ff8000000000000n;
      return b === BigInt(value);
    }
    case "externref":
    case "funcref": {
      const r = bits & MASK32;
      if (value === "null") return r === 0n;
      if (value === undefined) return r !== 0n; // any non-null reference
      return type === "externref" ? r === BigInt(value) + 1n : r !== 0n;
    }
    default:
      throw new UnsupportedValue(`a ${type} value`);
  }
}

const hex = (b, digits) => "0x" + b.toString(16).padStart(digits, "0");

function floatOf(bits, type) {
  const dv = new DataView(new ArrayBuffer(8));
  if (type === "f32") {
    dv.setUint32(0, Number(bits & MASK32));
    return dv.getFloat32(0);
  }
  dv.setBigUint64(0, bits & MASK64);
  return dv.getFloat64(0);
}

/** A readable `type:bits (value)` for failure messages. */
export function showBits(type, bits) {
  switch (type) {
    case "i32":
      return `i32:${hex(bits & MASK32, 8)} (${BigInt.asIntN(32, bits)})`;
    case "i64":
      return `i64:${hex(bits & MASK64, 16)} (${BigInt.asIntN(64, bits)})`;
    case "f32":
      return `f32:${hex(bits & MASK32, 8)} (${floatOf(bits, type)})`;
    case "f64":
      return `f64:${hex(bits & MASK64, 16)} (${floatOf(bits, type)})`;
    default:
      if (isRef(type)) return (bits & MASK32) === 0n ? `${type}:null` : `${type}:${(bits & MASK32) - 1n}`;
      return `${type}:${hex(bits & MASK64, 16)}`;
  }
}

/** A readable form of an expected or argument JSON value. */
export function showValue(v) {
  if (v.value === undefined) return `${v.type}:non-null`;
  if (typeof v.value !== "string" || v.value.startsWith("nan:") || v.value === "null") return `${v.type}:${v.value}`;
  if (v.type === "v128") return `v128:${v.value}`;
  return showBits(v.type, BigInt(v.value));
}
