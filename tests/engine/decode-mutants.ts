// Mutation run of decode() for the JS-vs-C differential test
// (tests/engine/decode.test.ts): mutants of seed modules go through decode and
// instantiation; the program prints counts and a hash of every outcome. Built
// by stc as a debug C program, an out-of-range read anywhere aborts it.
// The test generates decode-mutants-seeds.ts (the seed modules) next to a copy of this file.
import type { i32, u32 } from "../../core/types";
import { arenaCreate, arenaFree, arenaUse } from "../../core/arena";
import { decode } from "../../core/engine/decode";
import { LoadError, Module } from "../../core/engine/module";
import { InstantiateError, instantiate } from "../../core/engine/instantiate";
import { Store } from "../../core/engine/runtime";
import { Features, Limits } from "../../core/engine/types";
import { ROUNDS, SEEDS } from "./decode-mutants-seeds";

let rng: u32 = 0x9e3779b9;

function next(): u32 {
  let x = rng;
  x = (x ^ (x << 13)) >>> 0;
  x = (x ^ (x >>> 17)) >>> 0;
  x = (x ^ (x << 5)) >>> 0;
  rng = x;
  return x;
}

function below(n: i32): i32 {
  return n <= 0 ? 0 : (next() % n) | 0;
}

let hash: u32 = 2166136261;

function mix(v: i32): void {
  hash = Math.imul(hash ^ (v & 0xff), 16777619) >>> 0;
  hash = Math.imul(hash ^ ((v >>> 8) & 0xffffff), 16777619) >>> 0;
}

/** A mutant of `seed`: a few byte changes, LEB128-ish bytes, insertions, deletions or a truncation. */
function mutate(seed: Uint8Array): Uint8Array {
  const out = new Uint8Array(seed.length + 16);
  out.set(seed, 0);
  let len = seed.length;
  const edits = 1 + below(4);
  for (let e = 0; e < edits; e++) {
    const at = (8 + below((len - 8) | 0)) | 0;
    switch (below(6)) {
      case 0:
        if (at < len) out[at] = next() & 0xff;
        break;
      case 1:
        if (at < len) out[at] = out[at] ^ (1 << below(8));
        break;
      case 2:
        if (at < len) out[at] = below(2) === 0 ? 0x80 : 0xff;
        break;
      case 3:
        if (len < out.length) {
          out.copyWithin((at + 1) | 0, at, len);
          out[at] = next() & 0xff;
          len++;
        }
        break;
      case 4:
        if (at < len) {
          out.copyWithin(at, (at + 1) | 0, len);
          len--;
        }
        break;
      default:
        if (at < len) len = at;
        break;
    }
  }
  return out.slice(0, len);
}

function summarize(m: Module): void {
  mix(m.types.length);
  mix(m.imports.length);
  mix(m.funcTypeIndex.length);
  mix(m.tables.length);
  mix(m.mems.length);
  mix(m.globals.length);
  mix(m.exports.length);
  mix(m.elems.length);
  mix(m.datas.length);
  mix(m.bodies.length);
  mix(m.start);
  mix(m.dataCount);
  for (let i = 0; i < m.declaredRefs.length; i++) mix(m.declaredRefs[i]);
}

let malformed = 0;
let invalid = 0;
let decoded = 0;
let instantiated = 0;
const limits = new Limits();
limits.maxMemoryBytes = 1 << 20;
limits.maxTableElements = 10000;
limits.valueStackSlots = 1024;
limits.maxCallDepth = 16;
for (let round = 0; round < ROUNDS; round++) {
  const arena = arenaCreate(65536);
  const previous = arenaUse(arena);
  const seed = SEEDS[below(SEEDS.length)];
  const bytes = round < SEEDS.length ? SEEDS[round] : mutate(seed);
  const err = new LoadError();
  const m = decode(bytes, new Features(), err);
  mix(err.offset);
  if (m === null) {
    if (err.malformed) malformed++;
    else invalid++;
  } else {
    decoded++;
    summarize(m);
    // modules without imports or a start function instantiate without the interpreter
    if (m.imports.length === 0 && m.start < 0) {
      const store = new Store(limits);
      const ierr = new InstantiateError();
      const inst = instantiate(store, m, [], ierr);
      mix(ierr.failure);
      mix(ierr.trap);
      if (inst !== null) {
        instantiated++;
        for (let g = 0; g < inst.globals.length; g++) {
          mix(inst.globals[g].i32[0]);
          mix(inst.globals[g].i32[1]);
        }
        for (let t = 0; t < inst.tables.length; t++) for (let k = 0; k < inst.tables[t].elems.length; k++) mix(inst.tables[t].elems[k]);
        for (let k = 0; k < inst.mems.length; k++) {
          const mb = inst.mems[k].bytes;
          for (let b = 0; b < mb.length; b += 61) mix(mb[b]);
        }
      }
    }
  }
  arenaUse(previous);
  arenaFree(arena);
}
console.log("rounds", ROUNDS, "decoded", decoded, "instantiated", instantiated, "malformed", malformed, "invalid", invalid, "hash", hash);
