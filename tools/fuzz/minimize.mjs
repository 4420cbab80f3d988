// Shrinks a module on which load() and WebAssembly.validate disagree, while
// they still disagree the same way (same verdicts, same message apart from
// numbers): drops sections, replaces function bodies by `unreachable`,
// deletes instructions, then deletes byte ranges.
import { sections } from "./wasm-bytes.mjs";
import { buildModule, codeBodies, editBody, instructions, sectionList } from "./mutate.mjs";

const UNREACHABLE_BODY = [0x00, 0x00]; // no locals; unreachable (the body's own `end` stays)

/** unreachable, then for each open block (innermost first) the rest of it: `else unreachable` for an if still in its then-arm, and `end`. */
function closers(open) {
  const out = [0x00];
  for (let i = open.length - 1; i >= 0; i--) {
    if (open[i] === "if") out.push(0x05, 0x00);
    out.push(0x0b);
  }
  return out;
}

/** The instructions of a body with, for each, its nesting depth and the open blocks before it ("block", "if", "else"). */
function nestedInstructions(bytes, body) {
  const open = [];
  return instructions(bytes, body).map((inst) => {
    const r = { ...inst, depth: open.length, open: open.slice() };
    if (inst.op >= 0x02 && inst.op <= 0x04) open.push(inst.op === 0x04 ? "if" : "block");
    else if (inst.op === 0x05 && open.length > 0) open[open.length - 1] = "else";
    else if (inst.op === 0x0b) open.pop();
    return r;
  });
}

/** Candidate reductions of `bytes`, structural ones first, each a full module. */
function candidates(bytes) {
  const out = [];
  const list = sectionList(bytes);
  if (list !== null) {
    for (let i = 0; i < list.length; i++) out.push(buildModule(bytes.subarray(0, 8), list.filter((_, k) => k !== i)));
  }
  const secs = sections(bytes);
  const code = secs === null ? undefined : secs.find((s) => s.id === 10);
  if (code !== undefined) {
    const bodies = codeBodies(bytes, code);
    for (let i = bodies.length - 1; i >= 0; i--) {
      const b = bodies[i];
      if (b.end - b.start > 3) out.push(editBody(bytes, code, b, b.start, b.end - 1 - b.start, UNREACHABLE_BODY));
    }
    for (let i = bodies.length - 1; i >= 0; i--) {
      const b = bodies[i];
      const insts = nestedInstructions(bytes, b);
      if (insts.length < 2) continue;
      const code0 = insts[0].at;
      const last = insts[insts.length - 1].at; // the body's own `end`
      // everything before a top-level instruction becomes `unreachable` (the stack is then polymorphic)
      for (let k = 1; k < insts.length - 1; k++) {
        if (insts[k].depth === 0) out.push(editBody(bytes, code, b, code0, insts[k].at - code0, [0x00]));
      }
      // everything from instruction k on becomes `unreachable` and the ends of the blocks still open
      for (let k = 0; k < insts.length - 1; k++) out.push(editBody(bytes, code, b, insts[k].at, last - insts[k].at, closers(insts[k].open)));
      for (let k = insts.length - 2; k >= 0; k--) out.push(editBody(bytes, code, b, insts[k].at, insts[k].next - insts[k].at, []));
    }
  }
  for (let size = Math.max(1, bytes.length >> 2); size >= 1; size >>= 1) {
    for (let at = bytes.length - size; at >= 8; at -= size) {
      const c = new Uint8Array(bytes.length - size);
      c.set(bytes.subarray(0, at));
      c.set(bytes.subarray(at + size), at);
      out.push(c);
    }
  }
  return out;
}

/**
 * Returns the smallest variant of `bytes` found within `ms` for which
 * `verdicts(list)` (async: [{ ours, theirs }]) still gives the same key as `key(first)`.
 */
export async function minimize(bytes, keyOf, judge, ms) {
  const deadline = performance.now() + ms;
  const target = keyOf((await judge([bytes]))[0]);
  let best = bytes;
  for (let improved = true; improved && performance.now() < deadline; ) {
    improved = false;
    const all = candidates(best).filter((c) => c.length < best.length);
    for (let i = 0; i < all.length && !improved && performance.now() < deadline; i += 64) {
      const batch = all.slice(i, i + 64);
      const verdicts = await judge(batch);
      const k = verdicts.findIndex((v) => keyOf(v) === target);
      if (k >= 0) {
        best = batch[k];
        improved = true;
      }
    }
  }
  return best;
}
