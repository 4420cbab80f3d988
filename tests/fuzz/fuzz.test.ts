// A bounded, seeded slice of the differential fuzzers (tools/fuzz): our
// engine against Node's own V8, for validation verdicts and for execution.
// Each slice runs for a fixed time with a fixed seed; a failure prints the
// findings (replay one with `npm run fuzz -- --seed S --input N --mode M`).
// Also replays every reproducer saved under tests/fuzz/found.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { sameValue } from "../../tools/fuzz/exec.mjs";
import { scanFeatures } from "../../tools/fuzz/features.mjs";

const root = resolve(import.meta.dirname, "../..");
const found = join(root, "tests/fuzz/found");
const SLICE_SECONDS = 20;

interface Stats {
  mode: string;
  inputs: number;
  mismatches: number;
  crashes: number;
  hangs: number;
  agreeAccepted?: number;
  agreeRefused?: number;
  agreeCalls?: number;
  findings: { kind: string; count: number; input: number; detail: string }[];
}

function fuzz(args: string[]): { stats: Stats[]; out: string; status: number | null } {
  const r = spawnSync(process.execPath, ["tools/fuzz/run.mjs", "--json", "--save", join(root, "build/fuzz/found-test"), ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const out = r.stdout + r.stderr;
  const line = r.stdout.split("\n").find((l) => l.startsWith("FUZZ-JSON "));
  return { stats: line ? JSON.parse(line.slice("FUZZ-JSON ".length)).stats : [], out, status: r.status };
}

/** The summary and findings, for the failure message. */
const report = (out: string) => out.split("\n").filter((l) => !l.startsWith("FUZZ-JSON")).join("\n");

describe("differential fuzzing against V8", () => {
  it("validation: load() accepts exactly what WebAssembly.validate accepts on mutated spec modules", () => {
    const { stats, out, status } = fuzz(["--mode", "validate", "--seconds", String(SLICE_SECONDS), "--seed", "1"]);
    expect(stats.length, report(out)).toBe(1);
    const s = stats[0];
    expect(s.inputs, report(out)).toBeGreaterThan(1000);
    expect(s.agreeAccepted, report(out)).toBeGreaterThan(0);
    expect(s.agreeRefused, report(out)).toBeGreaterThan(0);
    expect({ mismatches: s.mismatches, crashes: s.crashes, hangs: s.hangs }, report(out)).toEqual({ mismatches: 0, crashes: 0, hangs: 0 });
    expect(status).toBe(0);
  }, 120_000);

  it("execution: generated modules give the same results, traps, memory and globals", () => {
    const { stats, out, status } = fuzz(["--mode", "exec", "--seconds", String(SLICE_SECONDS), "--seed", "1"]);
    expect(stats.length, report(out)).toBe(1);
    const s = stats[0];
    expect(s.inputs, report(out)).toBeGreaterThan(50);
    expect(s.agreeCalls, report(out)).toBeGreaterThan(100);
    expect({ mismatches: s.mismatches, crashes: s.crashes, hangs: s.hangs }, report(out)).toEqual({ mismatches: 0, crashes: 0, hangs: 0 });
    expect(status).toBe(0);
  }, 120_000);

  it("every reproducer in tests/fuzz/found passes", () => {
    const files = readdirSync(found).filter((f) => f.endsWith(".wasm")).sort();
    if (files.length === 0) return;
    const r = spawnSync(process.execPath, ["tools/fuzz/run.mjs", "--check", ...files.map((f) => join(found, f))], { cwd: root, encoding: "utf8" });
    const failing = r.stdout.split("\n").filter((l) => l.startsWith("FAIL"));
    expect(failing).toEqual([]);
    expect(r.stdout).toContain(`fuzz check: ${files.length} of ${files.length} pass`);
  }, 120_000);
});

describe("the fuzzers' oracles", () => {
  const F32 = 0x7d;
  const F64 = 0x7c;
  const I32 = 0x7f;
  it("compares integers and non-NaN floats bit for bit", () => {
    expect(sameValue(I32, 5n, 5n, false)).toBe(true);
    expect(sameValue(I32, 5n, 6n, false)).toBe(false);
    expect(sameValue(F32, 0x80000000n, 0n, false)).toBe(false); // -0 is not +0
  });
  it("lets arithmetic NaNs differ in sign and payload, but not signalling ones or, in canonical modules, payloads", () => {
    expect(sameValue(F32, 0xffc00000n, 0x7fc00000n, false)).toBe(true);
    expect(sameValue(F32, 0x7fc00000n, 0x7fc00001n, false)).toBe(true);
    expect(sameValue(F32, 0x7fc00000n, 0x7fc00001n, true)).toBe(false);
    expect(sameValue(F32, 0x7fa00000n, 0x7fc00000n, false)).toBe(false); // V8 kept a signalling NaN: a copy must keep it too
    expect(sameValue(F64, 0x7ff8000000000000n, 0x7ff4000000000000n, false)).toBe(false); // a signalling NaN out of arithmetic
    expect(sameValue(F64, 0x7ff8000000000000n, 0x3ff0000000000000n, false)).toBe(false);
  });
  it("sees the features that explain a disagreement", () => {
    const header = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
    // memory with a custom page size (flags 0x08, log2 size 0)
    expect(scanFeatures(new Uint8Array([...header, 5, 4, 1, 0x08, 1, 0]))).toContain("custom-page-sizes");
    // a shared memory (threads)
    expect(scanFeatures(new Uint8Array([...header, 5, 4, 1, 0x03, 1, 1]))).toContain("threads");
    // a function returning v128
    expect(scanFeatures(new Uint8Array([...header, 1, 5, 1, 0x60, 0, 1, 0x7b]))).toContain("simd");
    expect(scanFeatures(new Uint8Array([...header, 1, 4, 1, 0x60, 0, 0]))).toEqual(new Set());
  });
});
