// Shrinks a generated module that shows a finding while it still shows the
// same finding (same kind, same message apart from numbers). Every step keeps
// the module valid: it drops calls, data segments and statements, replaces a
// function body or a block's tail by constants, and replaces a single-value
// node by a zero constant or by one of its operands of the same type.
import { findingKey, runBoth } from "./exec.mjs";
import { outTypes } from "./emit.mjs";
import { F64, I64 } from "./ops.mjs";
import { FUNCREF } from "./gen.mjs";

const zero = (t) => (t === FUNCREF ? { k: "ref.null", t } : { k: "const", t, bits: t === I64 || t === F64 ? 0n : 0 });
const constTail = (results) => ({ k: "values", vals: results.map(zero) });

/** Child fields that hold an operand of the node's own type, by node kind (for "replace by operand"). */
const SAME_TYPE_CHILDREN = { unop: ["a"], binop: ["a", "b"], select: ["a", "b"], "local.tee": ["v"], canon: ["a"] };

function at(root, path) {
  let o = root;
  for (const k of path) o = o[k];
  return o;
}

/** Every shrinking step applicable to `mod`, as { path, apply(parent, key) } on a clone. */
function steps(mod, failingCall) {
  const out = [];
  if (failingCall >= 0 && failingCall + 1 < mod.calls.length) {
    out.push({ path: ["calls"], apply: (m) => (m.calls = m.calls.slice(0, failingCall + 1)) });
  }
  for (let i = mod.calls.length - 1; i >= 0; i--) if (i !== failingCall) out.push({ path: [], apply: (m) => m.calls.splice(i, 1) });
  for (let i = mod.data.length - 1; i >= 0; i--) out.push({ path: [], apply: (m) => m.data.splice(i, 1) });
  if (mod.start >= 0) out.push({ path: [], apply: (m) => (m.start = -1) });
  mod.funcs.forEach((f, i) => {
    const b = f.body;
    if (b.stmts.length > 0 || b.tail.k !== "values" || b.tail.vals.some((v) => v.k !== "const")) {
      out.push({ path: [], apply: (m) => (m.funcs[i].body = { results: b.results, entry: [], stmts: [], tail: constTail(b.results) }) });
    }
  });
  mod.funcs.forEach((f, i) => walk(f.body, ["funcs", i, "body"], out));
  return out;
}

function isBody(o) {
  return o !== null && typeof o === "object" && Array.isArray(o.stmts);
}
function isNode(o) {
  return o !== null && typeof o === "object" && typeof o.k === "string";
}

function walk(o, path, out) {
  if (Array.isArray(o)) {
    o.forEach((x, i) => walk(x, path.concat(i), out));
    return;
  }
  if (o === null || typeof o !== "object") return;
  if (isBody(o)) {
    for (let j = o.stmts.length - 1; j >= 0; j--) out.push({ path, apply: (m, p) => at(m, p).stmts.splice(j, 1) });
    if (o.tail.k !== "values") out.push({ path, apply: (m, p) => (at(m, p).tail = constTail(o.results)) });
    if (o.cont) walkValues(o.cont, path.concat("cont"), out);
    o.stmts.forEach((s, j) => walk(s, path.concat("stmts", j), out));
    walkTail(o.tail, path.concat("tail"), out);
    return;
  }
  if (!isNode(o)) return;
  const types = outTypes(o);
  if (types.length === 1 && !["const", "local.get", "global.get", "ref.null"].includes(o.k)) {
    out.push({ path, apply: (m, p) => setAt(m, p, zero(types[0])) });
    for (const c of SAME_TYPE_CHILDREN[o.k] || []) out.push({ path, apply: (m, p) => setAt(m, p, at(m, p)[c]) });
  }
  if (o.k === "const" && o.bits !== 0 && o.bits !== 0n) out.push({ path, apply: (m, p) => setAt(m, p, zero(o.t)) });
  // an if becomes a block of one of its arms (one label either way, so branch depths stay right)
  if (o.k === "if") {
    for (const arm of ["then", "else"]) {
      out.push({ path, apply: (m, p) => setAt(m, p, { k: "block", bt: o.bt, args: at(m, p).args, body: at(m, p)[arm], out: o.out }) });
    }
  }
  for (const key of Object.keys(o)) {
    if (key === "bt" || key === "out" || key === "targets") continue;
    const v = o[key];
    if (Array.isArray(v)) walkValues(v, path.concat(key), out);
    else if (isNode(v) || isBody(v)) walk(v, path.concat(key), out);
  }
}

/** A list of value nodes: a multi-value node may become one constant per value. */
function walkValues(list, path, out) {
  list.forEach((n, i) => {
    if (!isNode(n)) return;
    const types = outTypes(n);
    if (types.length > 1) out.push({ path, apply: (m, p) => at(m, p).splice(i, 1, ...types.map(zero)) });
    walk(n, path.concat(i), out);
  });
}

function walkTail(t, path, out) {
  if (t.k === "br_table") out.push({ path, apply: (m, p) => setAt(m, p, { k: "br", depth: t.dflt, vals: at(m, p).vals }) });
  for (const key of ["vals", "args"]) if (t[key]) walkValues(t[key], path.concat(key), out);
  if (t.idx) walk(t.idx, path.concat("idx"), out);
}

function setAt(root, path, value) {
  at(root, path.slice(0, -1))[path[path.length - 1]] = value;
}

/** The smallest module found within `ms` that still shows finding r; returns { mod, r }. */
export async function shrinkModule(mod, r, host, ms) {
  const key = findingKey(r);
  const deadline = performance.now() + ms;
  let best = { mod, r };
  let start = 0;
  let improved = true;
  while (improved && performance.now() < deadline) {
    improved = false;
    const list = steps(best.mod, best.r.call ?? -1);
    for (let i = start; i < list.length && performance.now() < deadline; i++) {
      const cand = structuredClone(best.mod);
      list[i].apply(cand, list[i].path);
      const rr = await runBoth(cand, host);
      if (rr.status === "agree" || rr.status === "skipped" || findingKey(rr) !== key) continue;
      best = { mod: cand, r: rr };
      start = i;
      improved = true;
      break;
    }
    if (!improved && start > 0) {
      start = 0;
      improved = true;
    } else if (!improved) break;
  }
  return best;
}
