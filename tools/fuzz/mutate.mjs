// Mutations of a Wasm binary for the validation fuzzer. Some break the bytes
// anywhere (flips, inserts, deletes, truncation); the structural ones keep
// the section and body sizes consistent so that the mutant gets past the
// decoder's framing and exercises the checks behind it (LEB128 forms, counts,
// section order, splicing, opcodes and immediates inside function bodies).
import { Bytes, concat, readUleb, sections, skipLeb, uleb, ulebPadded } from "./wasm-bytes.mjs";
import { walkInstructions } from "./features.mjs";

const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x0b, 0x40, 0x41, 0x60, 0x6f, 0x70, 0x7b, 0x7c, 0x7f, 0x80, 0xff];

/** Applies 1 to 4 random mutations to `seed`; returns { bytes, how: [names] }. */
export function mutate(rng, seed, corpus) {
  let bytes = seed;
  const how = [];
  const n = rng.chance(0.6) ? 1 : rng.chance(0.6) ? 2 : rng.range(3, 4);
  for (let i = 0; i < n; i++) {
    const m = rng.pick(MUTATIONS);
    const out = m.fn(rng, bytes, corpus);
    if (out === null) continue;
    bytes = out;
    how.push(m.name);
  }
  return { bytes, how };
}

function somewhere(rng, bytes) {
  // the header is kept most of the time: mutants with a broken magic number teach little
  return bytes.length <= 8 || rng.chance(0.02) ? rng.int(bytes.length + 1) : 8 + rng.int(bytes.length - 7);
}

function replace(bytes, at, len, insert) {
  return concat([bytes.subarray(0, at), insert, bytes.subarray(at + len)]);
}

function flipBit(rng, bytes) {
  if (bytes.length === 0) return null;
  const out = bytes.slice();
  const at = Math.min(somewhere(rng, bytes), bytes.length - 1);
  out[at] ^= 1 << rng.int(8);
  return out;
}

function setByte(rng, bytes) {
  if (bytes.length === 0) return null;
  const out = bytes.slice();
  out[Math.min(somewhere(rng, bytes), bytes.length - 1)] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256);
  return out;
}

function insertBytes(rng, bytes) {
  const fill = rng.chance(0.5) ? rng.bytes(rng.range(1, 8)) : new Uint8Array([rng.pick(INTERESTING_BYTES)]);
  return replace(bytes, somewhere(rng, bytes), 0, fill);
}

function deleteBytes(rng, bytes) {
  if (bytes.length <= 8) return null;
  const at = somewhere(rng, bytes);
  return replace(bytes, at, rng.chance(0.8) ? rng.range(1, 4) : rng.range(5, 64), []);
}

function truncate(rng, bytes) {
  if (bytes.length <= 9) return null;
  return bytes.slice(0, 8 + rng.int(bytes.length - 8));
}

/** A new encoding for the LEB128 value `v`: nearby values, limits, padded and overlong forms. */
function lebVariant(rng, v, len) {
  switch (rng.int(9)) {
    case 0:
      return uleb(v + 1);
    case 1:
      return uleb(Math.max(0, v - 1));
    case 2:
      return uleb(0);
    case 3:
      return uleb(rng.pick([0x7f, 0x80, 0x3fff, 0x4000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000]));
    case 4:
      return ulebPadded(v, Math.min(5, len + rng.range(1, 3)));
    case 5:
      return ulebPadded(v, rng.range(6, 7)); // longer than a u32 may be
    case 6: {
      // 5 bytes with stray high bits in the last one
      const e = ulebPadded(v, 5);
      e[4] |= rng.pick([0x10, 0x20, 0x40, 0x70]);
      return e;
    }
    case 7:
      return uleb(v * 2 + rng.int(3));
    default:
      return uleb(rng.int(1 << 20));
  }
}

/** Positions of the LEB128s that carry the module's structure: section sizes, vector counts, body sizes. */
function structuralLebs(bytes) {
  const secs = sections(bytes);
  if (secs === null) return [];
  const out = [];
  for (const s of secs) {
    out.push(s.start + 1);
    if (s.id !== 0 && s.payloadStart < s.end) out.push(s.payloadStart);
    if (s.id === 10) for (const b of codeBodies(bytes, s)) out.push(b.sizeAt, b.start);
  }
  return out;
}

function lebEdit(rng, bytes) {
  const spots = structuralLebs(bytes);
  const at = spots.length > 0 && rng.chance(0.6) ? rng.pick(spots) : somewhere(rng, bytes);
  const r = readUleb(bytes, at);
  if (r === null) return null;
  const len = r.next - at;
  return replace(bytes, at, len, lebVariant(rng, r.value, len));
}

/** The bodies of a code section: [{ sizeAt, start, end }] (start is after the size), as far as they parse. */
export function codeBodies(bytes, sec) {
  const out = [];
  const n = readUleb(bytes, sec.payloadStart);
  if (n === null) return out;
  let pos = n.next;
  for (let i = 0; i < n.value && pos < sec.end; i++) {
    const size = readUleb(bytes, pos);
    if (size === null || size.next + size.value > sec.end) break;
    out.push({ sizeAt: pos, start: size.next, end: size.next + size.value });
    pos = size.next + size.value;
  }
  return out;
}

/** Rebuilds a module from [{ id, payload }] with correct sizes. */
export function buildModule(header, secs) {
  const b = new Bytes().raw(header);
  for (const s of secs) b.byte(s.id).sized(s.payload);
  return b.bytes();
}

export function sectionList(bytes) {
  const secs = sections(bytes);
  if (secs === null) return null;
  return secs.map((s) => ({ id: s.id, payload: bytes.subarray(s.payloadStart, s.end) }));
}

function spliceSection(rng, bytes, corpus) {
  const mine = sectionList(bytes);
  const donor = sectionList(rng.pick(corpus).bytes);
  if (mine === null || donor === null || donor.length === 0) return null;
  const s = rng.pick(donor);
  const same = mine.findIndex((x) => x.id === s.id);
  if (same >= 0 && rng.chance(0.7)) mine[same] = s;
  else mine.splice(rng.int(mine.length + 1), 0, s);
  return buildModule(bytes.subarray(0, 8), mine);
}

function dropSection(rng, bytes) {
  const mine = sectionList(bytes);
  if (mine === null || mine.length === 0) return null;
  mine.splice(rng.int(mine.length), 1);
  return buildModule(bytes.subarray(0, 8), mine);
}

function duplicateSection(rng, bytes) {
  const mine = sectionList(bytes);
  if (mine === null || mine.length === 0) return null;
  const i = rng.int(mine.length);
  mine.splice(rng.int(mine.length + 1), 0, mine[i]);
  return buildModule(bytes.subarray(0, 8), mine);
}

function swapSections(rng, bytes) {
  const mine = sectionList(bytes);
  if (mine === null || mine.length < 2) return null;
  const i = rng.int(mine.length - 1);
  [mine[i], mine[i + 1]] = [mine[i + 1], mine[i]];
  return buildModule(bytes.subarray(0, 8), mine);
}

/** Section size or the first count of a payload off by a little, without fixing anything else. */
function sizeTweak(rng, bytes) {
  const secs = sections(bytes);
  if (secs === null || secs.length === 0) return null;
  const s = rng.pick(secs);
  const at = rng.chance(0.5) ? s.start + 1 : s.payloadStart;
  const r = readUleb(bytes, at);
  if (r === null) return null;
  const v = Math.max(0, r.value + rng.pick([-3, -2, -1, 1, 2, 3]));
  return replace(bytes, at, r.next - at, uleb(v));
}

// Opcodes grouped by immediate shape: swapping within a group keeps the body decodable.
const SWAP_GROUPS = [
  range(0x45, 0xc4).concat([0x00, 0x01, 0x0f, 0x1a, 0x1b, 0xd1]), // no immediate
  [0x0c, 0x0d, 0x10, 0x12, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd2], // one index
  range(0x28, 0x3e), // memarg
  [0x02, 0x03, 0x04], // block type
  [0x11, 0x13], // call_indirect forms
  [0x3f, 0x40],
];
function range(a, b) {
  const out = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

/** Instruction starts of one body: [{ op, at, next }] (after its locals). */
export function instructions(bytes, body) {
  const n = readUleb(bytes, body.start);
  if (n === null) return [];
  let pos = n.next;
  for (let i = 0; i < n.value && pos >= 0 && pos < body.end; i++) {
    pos = skipLeb(bytes, pos);
    if (pos >= 0) pos++;
  }
  if (pos < 0 || pos > body.end) return [];
  const out = [];
  walkInstructions(bytes, pos, body.end, new Set(), (op, at, next) => {
    out.push({ op, at, next });
    return false;
  });
  return out;
}

/** Replaces bytes [at, at+len) inside one body and fixes the body and code section sizes. */
export function editBody(bytes, sec, body, at, len, insert) {
  const before = bytes.subarray(body.start, at);
  const after = bytes.subarray(at + len, body.end);
  const newBody = concat([before, insert, after]);
  const payload = concat([
    bytes.subarray(sec.payloadStart, body.sizeAt),
    uleb(newBody.length),
    newBody,
    bytes.subarray(body.end, sec.end),
  ]);
  return concat([bytes.subarray(0, sec.start), [10], uleb(payload.length), payload, bytes.subarray(sec.end)]);
}

function pickInstruction(rng, bytes) {
  const secs = sections(bytes);
  const code = secs === null ? undefined : secs.find((s) => s.id === 10);
  if (code === undefined) return null;
  const bodies = codeBodies(bytes, code);
  if (bodies.length === 0) return null;
  const body = rng.pick(bodies);
  const insts = instructions(bytes, body);
  if (insts.length === 0) return null;
  return { code, body, insts, inst: rng.pick(insts) };
}

function opcodeSwap(rng, bytes) {
  const p = pickInstruction(rng, bytes);
  if (p === null || p.inst.op > 0xff) return null;
  const group = SWAP_GROUPS.find((g) => g.includes(p.inst.op));
  const op = group && rng.chance(0.85) ? rng.pick(group) : rng.int(256);
  const out = bytes.slice();
  out[p.inst.at] = op;
  return out;
}

/** An index immediate (local, label, function, type, memarg) moved a little. */
function immediateEdit(rng, bytes) {
  const p = pickInstruction(rng, bytes);
  if (p === null || p.inst.next - p.inst.at < 2 || p.inst.op === 0x43 || p.inst.op === 0x44) return null;
  const at = p.inst.op > 0xff ? skipLeb(bytes, p.inst.at + 1) : p.inst.at + 1;
  if (at < 0 || at >= p.inst.next) return null;
  const r = readUleb(bytes, at);
  if (r === null || r.next > p.inst.next) return null;
  return editBody(bytes, p.code, p.body, at, r.next - at, lebVariant(rng, r.value, r.next - at));
}

// Short instruction sequences that unbalance or retype the operand stack.
const SNIPPETS = [
  [0x1a], [0x41, 0x00], [0x42, 0x00], [0x43, 0, 0, 0, 0], [0x44, 0, 0, 0, 0, 0, 0, 0, 0], [0x0b], [0x05],
  [0x00], [0x01], [0x1b], [0x0f], [0x02, 0x40], [0x03, 0x7f], [0x04, 0x40], [0x0c, 0x00], [0x0d, 0x01],
  [0x20, 0x00], [0x21, 0x00], [0x23, 0x00], [0x10, 0x00], [0xd0, 0x70], [0xd1], [0xfc, 0x00], [0xfc, 0x0b, 0x00],
  [0x1c, 0x01, 0x7f], [0x0e, 0x01, 0x00, 0x00], [0x3f, 0x00], [0x12, 0x00],
];

function insertInstruction(rng, bytes) {
  const p = pickInstruction(rng, bytes);
  if (p === null) return null;
  return editBody(bytes, p.code, p.body, p.inst.at, 0, rng.pick(SNIPPETS));
}

function deleteInstruction(rng, bytes) {
  const p = pickInstruction(rng, bytes);
  if (p === null) return null;
  return editBody(bytes, p.code, p.body, p.inst.at, p.inst.next - p.inst.at, []);
}

const MUTATIONS = [
  { name: "flip", fn: flipBit },
  { name: "byte", fn: setByte },
  { name: "insert", fn: insertBytes },
  { name: "delete", fn: deleteBytes },
  { name: "truncate", fn: truncate },
  { name: "leb", fn: lebEdit },
  { name: "leb", fn: lebEdit },
  { name: "size", fn: sizeTweak },
  { name: "splice", fn: spliceSection },
  { name: "splice", fn: spliceSection },
  { name: "drop-section", fn: dropSection },
  { name: "dup-section", fn: duplicateSection },
  { name: "swap-sections", fn: swapSections },
  { name: "opcode", fn: opcodeSwap },
  { name: "opcode", fn: opcodeSwap },
  { name: "opcode", fn: opcodeSwap },
  { name: "immediate", fn: immediateEdit },
  { name: "immediate", fn: immediateEdit },
  { name: "insert-inst", fn: insertInstruction },
  { name: "insert-inst", fn: insertInstruction },
  { name: "delete-inst", fn: deleteInstruction },
];
