// Which Wasm features a module uses, from a tolerant scan of its bytes. The
// validation fuzzer asks this only when our engine and V8 disagree: a
// disagreement is explained (and skipped, not reported) when the module uses
// a feature one side implements and the other does not.
//
//   engine has, V8 11.3 lacks: custom page sizes
//   V8 11.3 has, engine lacks: SIMD, threads (shared memory, atomics),
//                              exception handling, (flag-gated) GC/typed refs, memory64
import { readUleb, sections, skipLeb } from "./wasm-bytes.mjs";

/** Features the engine implements and V8 (with our flags) refuses. */
export const ENGINE_ONLY = ["custom-page-sizes"];
/** Features V8 accepts and the engine does not implement. */
export const V8_ONLY = ["simd", "threads", "exceptions", "gc", "memory64", "unknown-opcode"];

// Immediate shapes, by opcode.
const NONE = 0, BLOCKTYPE = 1, IDX = 2, BR_TABLE = 3, IDX2 = 4, MEMARG = 5, I32 = 6, I64 = 7,
  F32 = 8, F64 = 9, SELECT_T = 10, MEMIDX = 11, HEAPTYPE = 12;

const shapes = new Int8Array(256).fill(-1);
function set(lo, hi, shape) {
  for (let op = lo; op <= hi; op++) shapes[op] = shape;
}
set(0x00, 0x01, NONE);
set(0x02, 0x04, BLOCKTYPE);
set(0x05, 0x05, NONE);
set(0x0b, 0x0b, NONE);
set(0x0c, 0x0d, IDX);
set(0x0e, 0x0e, BR_TABLE);
set(0x0f, 0x0f, NONE);
set(0x10, 0x10, IDX);
set(0x11, 0x11, IDX2);
set(0x12, 0x12, IDX); // return_call
set(0x13, 0x13, IDX2); // return_call_indirect
set(0x1a, 0x1b, NONE);
set(0x1c, 0x1c, SELECT_T);
set(0x20, 0x26, IDX);
set(0x28, 0x3e, MEMARG);
set(0x3f, 0x40, MEMIDX);
set(0x41, 0x41, I32);
set(0x42, 0x42, I64);
set(0x43, 0x43, F32);
set(0x44, 0x44, F64);
set(0x45, 0xc4, NONE);
set(0xd0, 0xd0, HEAPTYPE);
set(0xd1, 0xd1, NONE);
set(0xd2, 0xd2, IDX);

/** Opcodes the tail-call proposal adds. */
export const TAIL_CALL_OPS = [0x12, 0x13];
const EXCEPTION_OPS = [0x06, 0x07, 0x08, 0x09, 0x0a, 0x18, 0x19, 0x1f];
const GC_OPS = [0x14, 0x15, 0xd3, 0xd4, 0xd5, 0xd6];

// 0xfc sub-opcodes: immediates count (LEB indices); 0..7 are the saturating truncations.
const FC_IMMS = [0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 2, 1, 2, 1, 1, 1];

/**
 * Walks the instructions in bytes[pos, end). Calls visit(op, at, next) for
 * each instruction (op is the first byte; for 0xfc, 0xfc00 | subop). Adds the
 * features it sees to `features`. visit may return true to stop the walk.
 * Returns the position where it stopped and whether the walk ended cleanly
 * (at `end`, or where visit stopped it).
 */
export function walkInstructions(bytes, pos, end, features, visit) {
  while (pos < end) {
    const at = pos;
    const op = bytes[pos++];
    if (op === 0xfd) {
      features.add("simd");
      return { pos: at, ok: false };
    }
    if (op === 0xfe) {
      features.add("threads");
      return { pos: at, ok: false };
    }
    if (op === 0xfb) {
      features.add("gc");
      return { pos: at, ok: false };
    }
    if (EXCEPTION_OPS.includes(op)) features.add("exceptions");
    if (GC_OPS.includes(op)) features.add("gc");
    if (TAIL_CALL_OPS.includes(op)) features.add("tail-call");
    if (op === 0xfc) {
      const sub = readUleb(bytes, pos);
      if (sub === null) return { pos: at, ok: false };
      pos = sub.next;
      if (sub.value >= FC_IMMS.length) {
        features.add("unknown-opcode");
        return { pos: at, ok: false };
      }
      for (let i = 0; i < FC_IMMS[sub.value] && pos >= 0; i++) pos = skipLeb(bytes, pos);
      if (pos < 0) return { pos: at, ok: false };
      if (visit && visit(0xfc00 | sub.value, at, pos)) return { pos, ok: true };
      continue;
    }
    let shape = shapes[op];
    if (EXCEPTION_OPS.includes(op)) shape = op === 0x06 || op === 0x1f ? BLOCKTYPE : op === 0x19 || op === 0x0a ? NONE : IDX;
    if (GC_OPS.includes(op)) shape = op === 0xd3 || op === 0xd4 ? NONE : IDX;
    switch (shape) {
      case NONE:
        break;
      case BLOCKTYPE:
      case HEAPTYPE:
      case IDX:
      case I32:
      case I64:
      case MEMIDX:
        if (shape === BLOCKTYPE || shape === HEAPTYPE) noteValType(bytes[pos], features);
        pos = skipLeb(bytes, pos);
        break;
      case IDX2:
        pos = skipLeb(bytes, pos);
        if (pos >= 0) pos = skipLeb(bytes, pos);
        break;
      case BR_TABLE: {
        const n = readUleb(bytes, pos);
        if (n === null || n.value > end - pos) return { pos: at, ok: false };
        pos = n.next;
        for (let i = 0; i <= n.value && pos >= 0; i++) pos = skipLeb(bytes, pos);
        break;
      }
      case MEMARG: {
        const align = readUleb(bytes, pos);
        if (align === null) return { pos: at, ok: false };
        pos = align.next;
        if (align.value & 0x40) {
          features.add("multi-memory");
          pos = skipLeb(bytes, pos);
        }
        if (pos >= 0) pos = skipLeb(bytes, pos);
        break;
      }
      case F32:
        pos += 4;
        break;
      case F64:
        pos += 8;
        break;
      case SELECT_T: {
        const n = readUleb(bytes, pos);
        if (n === null || n.value > end - pos) return { pos: at, ok: false };
        pos = n.next;
        for (let i = 0; i < n.value && pos < end; i++) noteValType(bytes[pos++], features);
        break;
      }
      default:
        features.add("unknown-opcode");
        return { pos: at, ok: false };
    }
    if (pos < 0 || pos > end) return { pos: at, ok: false };
    if (visit && visit(op, at, pos)) return { pos, ok: true };
  }
  return { pos, ok: pos === end };
}

function noteValType(b, features) {
  if (b === 0x7b) features.add("simd");
  else if (b === 0x64 || b === 0x63 || (b >= 0x69 && b <= 0x6e) || (b >= 0x71 && b <= 0x74)) features.add("gc");
}

function noteLimits(flags, features, isMemory) {
  if (flags & 0x02) features.add("threads");
  if (flags & 0x04) features.add("memory64");
  if (isMemory && flags & 0x08) features.add("custom-page-sizes");
}

/** The set of feature names a module's bytes use, as far as a tolerant scan can tell. */
export function scanFeatures(bytes) {
  const features = new Set();
  const secs = sections(bytes);
  if (secs === null) return features;
  let memories = 0;
  for (const s of secs) {
    const p = s.payloadStart;
    switch (s.id) {
      case 1: {
        // type forms other than func (0x60) are GC's
        const n = readUleb(bytes, p);
        if (n === null) break;
        let pos = n.next;
        for (let i = 0; i < n.value && pos < s.end; i++) {
          if (bytes[pos] !== 0x60) {
            features.add("gc");
            break;
          }
          pos++;
          for (let k = 0; k < 2 && pos >= 0; k++) {
            const c = readUleb(bytes, pos);
            if (c === null) {
              pos = -1;
              break;
            }
            pos = c.next;
            for (let j = 0; j < c.value && pos < s.end; j++) noteValType(bytes[pos++], features);
          }
          if (pos < 0) break;
        }
        break;
      }
      case 2:
        memories += scanImports(bytes, p, s.end, features);
        break;
      case 4:
        scanTables(bytes, p, s.end, features);
        break;
      case 5: {
        const n = readUleb(bytes, p);
        if (n === null) break;
        memories += n.value;
        let pos = n.next;
        for (let i = 0; i < n.value && pos < s.end; i++) {
          const flags = bytes[pos];
          noteLimits(flags, features, true);
          pos = skipLeb(bytes, pos + 1);
          if (pos >= 0 && flags & 1) pos = skipLeb(bytes, pos);
          if (pos >= 0 && flags & 8) pos = skipLeb(bytes, pos);
          if (pos < 0) break;
        }
        break;
      }
      case 6:
        scanGlobals(bytes, p, s.end, features);
        break;
      case 9:
      case 11:
        scanConstExprs(bytes, p, s.end, features);
        break;
      case 10:
        scanCode(bytes, p, s.end, features);
        break;
      case 13:
        features.add("exceptions");
        break;
      default:
        break;
    }
  }
  if (memories > 1) features.add("multi-memory");
  return features;
}

function scanImports(bytes, p, end, features) {
  let memories = 0;
  const n = readUleb(bytes, p);
  if (n === null) return 0;
  let pos = n.next;
  for (let i = 0; i < n.value && pos < end; i++) {
    for (let k = 0; k < 2; k++) {
      const len = readUleb(bytes, pos);
      if (len === null) return memories;
      pos = len.next + len.value;
    }
    const kind = bytes[pos++];
    if (kind === 0) pos = skipLeb(bytes, pos);
    else if (kind === 1) {
      noteValType(bytes[pos], features);
      const flags = bytes[pos + 1];
      noteLimits(flags, features, false);
      pos = skipLeb(bytes, pos + 2);
      if (pos >= 0 && flags & 1) pos = skipLeb(bytes, pos);
    } else if (kind === 2) {
      memories++;
      const flags = bytes[pos];
      noteLimits(flags, features, true);
      pos = skipLeb(bytes, pos + 1);
      if (pos >= 0 && flags & 1) pos = skipLeb(bytes, pos);
      if (pos >= 0 && flags & 8) pos = skipLeb(bytes, pos);
    } else if (kind === 3) {
      noteValType(bytes[pos], features);
      pos += 2;
    } else if (kind === 4) {
      features.add("exceptions");
      return memories;
    } else return memories;
    if (pos < 0) return memories;
  }
  return memories;
}

function scanTables(bytes, p, end, features) {
  const n = readUleb(bytes, p);
  if (n === null) return;
  let pos = n.next;
  for (let i = 0; i < n.value && pos < end; i++) {
    noteValType(bytes[pos], features);
    const flags = bytes[pos + 1];
    noteLimits(flags, features, false);
    pos = skipLeb(bytes, pos + 2);
    if (pos >= 0 && flags & 1) pos = skipLeb(bytes, pos);
    if (pos < 0) return;
  }
}

function scanGlobals(bytes, p, end, features) {
  const n = readUleb(bytes, p);
  if (n === null) return;
  let pos = n.next;
  for (let i = 0; i < n.value && pos < end; i++) {
    noteValType(bytes[pos], features);
    pos += 2;
    const r = walkUntilEnd(bytes, pos, end, features);
    if (r < 0) return;
    pos = r;
  }
}

// Element and data sections: just look for features in any constant expression we can find.
function scanConstExprs(bytes, p, end, features) {
  walkInstructions(bytes, p, end, features, null);
}

/** Walks one constant expression to just past its `end`; -1 when it cannot. */
function walkUntilEnd(bytes, pos, end, features) {
  let stop = -1;
  let depth = 0;
  walkInstructions(bytes, pos, end, features, (op, at, next) => {
    if (op === 0x02 || op === 0x03 || op === 0x04) depth++;
    if (op !== 0x0b) return false;
    if (depth === 0) stop = next;
    else depth--;
    return stop >= 0;
  });
  return stop;
}

function scanCode(bytes, p, end, features) {
  const n = readUleb(bytes, p);
  if (n === null) return;
  let pos = n.next;
  for (let i = 0; i < n.value && pos < end; i++) {
    const size = readUleb(bytes, pos);
    if (size === null) return;
    const bodyEnd = Math.min(end, size.next + size.value);
    const locals = readUleb(bytes, size.next);
    if (locals === null) return;
    let q = locals.next;
    for (let j = 0; j < locals.value && q < bodyEnd; j++) {
      q = skipLeb(bytes, q);
      if (q < 0) return;
      noteValType(bytes[q++], features);
    }
    walkInstructions(bytes, q, bodyEnd, features, null);
    pos = size.next + size.value;
  }
}
