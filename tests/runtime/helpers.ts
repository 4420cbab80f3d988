// Shared helpers for the runtime tests: build C drivers from tests/runtime/c
// against runtimeSource(), run them, and convert numbers to and from bits.
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { runtimeSource } from "../../tools/stc/runtime/index.ts";

export const CFLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Werror"];
/** STS_SANITIZE=1 builds every driver with ASan + UBSan (slower; for checking the runtime). */
export const SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-g"];
const envFlags = process.env.STS_SANITIZE === "1" ? SANITIZE : [];
export const driverDir = fileURLToPath(new URL("./c/", import.meta.url));

let dir: string | undefined;

// each test file gets its own temp dir; remove it when the file is done
afterAll(() => {
  if (dir !== undefined && process.env.STS_KEEP_TMP !== "1") rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  built.clear();
  armBuilt.clear();
});

/** A temp dir holding sts_runtime.h (the runtime as the compiler pastes it). */
export function runtimeDir(): string {
  if (dir === undefined) {
    dir = mkdtempSync(join(tmpdir(), "sts-runtime-"));
    writeFileSync(join(dir, "sts_runtime.h"), runtimeSource());
  }
  return dir;
}

const built = new Map<string, string>();

/** Compiles tests/runtime/c/<name>.c (plus extra flags) and returns the binary path. */
export function buildDriver(name: string, extra: string[] = []): string {
  extra = [...envFlags, ...extra];
  const key = `${name}|${extra.join(" ")}`;
  const hit = built.get(key);
  if (hit !== undefined) return hit;
  const d = runtimeDir();
  const out = join(d, `${name}${built.size}`);
  execFileSync(
    "gcc",
    [...CFLAGS, ...extra, "-I", d, join(driverDir, `${name}.c`), "-o", out, "-lm"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  built.set(key, out);
  return out;
}

export function run(bin: string, input = "", args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(bin, args, { input, encoding: "utf8", maxBuffer: 1 << 30 });
}

/** Runs a driver that must succeed; returns its stdout lines. */
export function runLines(bin: string, input: string, args: string[] = []): string[] {
  const r = run(bin, input, args);
  if (r.status !== 0) {
    throw new Error(`${bin} exited ${r.status} ${r.signal ?? ""}: ${r.stderr}`);
  }
  const lines = r.stdout.split("\n");
  lines.pop();
  return lines;
}

export function hasCommand(cmd: string): boolean {
  const r = spawnSync(cmd, ["--version"], { encoding: "utf8" });
  return r.status === 0;
}

export { existsSync };

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function f64ToBits(x: number): bigint {
  f64[0] = x;
  return u64[0]!;
}
export function bitsToF64(b: bigint): number {
  u64[0] = b;
  return f64[0]!;
}
export function hex64(b: bigint): string {
  return b.toString(16).padStart(16, "0");
}
export function f64Hex(x: number): string {
  return hex64(f64ToBits(x));
}
export function f32BitsToNumber(b: number): number {
  u32[0] = b >>> 0;
  return f32[0]!;
}
export function numberToF32Bits(x: number): number {
  f32[0] = x;
  return u32[0]!;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random 64-bit pattern from a PRNG. */
export function rand64(r: () => number): bigint {
  const hi = BigInt(Math.floor(r() * 4294967296));
  const lo = BigInt(Math.floor(r() * 4294967296));
  return (hi << 32n) | lo;
}

/** First few mismatches between two line lists, for a readable failure. */
export function diffLines(inputs: string[], got: string[], want: string[], max = 10): string[] {
  const out: string[] = [];
  if (got.length !== want.length) out.push(`line count ${got.length} != ${want.length}`);
  for (let i = 0; i < Math.min(got.length, want.length) && out.length < max; i++) {
    if (got[i] !== want[i]) out.push(`${inputs[i]}: got ${got[i]} want ${want[i]}`);
  }
  return out;
}

// ---- Cortex-M0+ builds run under qemu-arm (Linux user mode) ----

export const ARM_FLAGS = ["-std=c99", "-mcpu=cortex-m0plus", "-mthumb", "-O2", "-Wall", "-Wextra", "-Werror"];

/** Why the qemu tests cannot run here, or undefined when they can. */
export function armQemuMissing(): string | undefined {
  if (!hasCommand("arm-none-eabi-gcc")) return "arm-none-eabi-gcc is not installed";
  if (!hasCommand("qemu-arm")) return "qemu-arm is not installed (Debian package qemu-user)";
  return undefined;
}

const armBuilt = new Map<string, string>();

/** Builds tests/runtime/c/<name>.c for Cortex-M0+ (newlib, soft-float libgcc of
 *  the v6-M multilib) with the Linux-syscall shim; returns the ELF path. */
export function buildArmDriver(name: string, extra: string[] = []): string {
  const key = `${name}|${extra.join(" ")}`;
  const hit = armBuilt.get(key);
  if (hit !== undefined) return hit;
  const d = runtimeDir();
  const shim = join(d, "arm_linux_shim.o");
  if (!existsSync(shim)) {
    execFileSync("arm-none-eabi-gcc", [...ARM_FLAGS, "-fomit-frame-pointer", "-c", join(driverDir, "arm_linux_shim.c"), "-o", shim]);
  }
  const obj = join(d, `arm_${name}${armBuilt.size}.o`);
  const elf = join(d, `arm_${name}${armBuilt.size}.elf`);
  execFileSync("arm-none-eabi-gcc", [...ARM_FLAGS, ...extra, "-I", d, "-c", join(driverDir, `${name}.c`), "-o", obj], { stdio: ["ignore", "pipe", "pipe"] });
  execFileSync("arm-none-eabi-gcc", ["-mcpu=cortex-m0plus", "-mthumb", "-nostartfiles", obj, shim, "-lc", "-lm", "-lgcc", "-o", elf], { stdio: ["ignore", "pipe", "pipe"] });
  armBuilt.set(key, elf);
  return elf;
}

export function runArm(elf: string, input = "", args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync("qemu-arm", ["-cpu", "max", elf, ...args], { input, encoding: "utf8", maxBuffer: 1 << 30 });
}

export function runArmLines(elf: string, input: string, args: string[] = []): string[] {
  const r = runArm(elf, input, args);
  if (r.status !== 0) throw new Error(`${elf} exited ${r.status} ${r.signal ?? ""}: ${r.stderr}`);
  const lines = r.stdout.split("\n");
  lines.pop();
  return lines;
}
