#!/usr/bin/env node
// Idempotent set-up, run first by `npm test`, `npm start` and `npm run bench`.
//
//   1. Node >= 20.
//   2. npm dependencies: `npm ci` (or `npm install` without a lock file) when
//      node_modules is missing or older than package.json / package-lock.json;
//      then checks that esbuild's native binary is there.
//   3. Debian packages: gcc + libc6-dev, make, gcc-arm-none-eabi +
//      libnewlib-arm-none-eabi, socat (required), valgrind (optional, for
//      `npm run bench -- --instructions`). Installed with apt-get when running as
//      root; otherwise the exact command is printed and the script exits 1.
//
// The fast path (nothing to do) spawns no process and prints one line.
// `--check`: change nothing; exit 1 (saying why) if anything would be done.
// Only Node built-ins here: this runs before node_modules exists. Keep the
// syntax plain so that an old Node reaches the version check below.

import { spawnSync } from "child_process";
import { existsSync, statSync, accessSync, writeFileSync, constants as fsc } from "fs";
import { createRequire } from "module";
import { dirname, join, delimiter } from "path";
import { fileURLToPath } from "url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tag = "setup:";

function fail(message) {
  console.error(tag + " " + message);
  process.exit(1);
}

// ---- 1. Node -------------------------------------------------------------
const nodeMajor = Number(process.versions.node.split(".")[0]);
if (!(nodeMajor >= 20)) {
  fail(
    "wasmcu needs Node.js 20 or newer; this is Node " + process.versions.node +
      " (" + process.execPath + ").\n" +
      "  Install Node 20+ (e.g. from https://nodejs.org or your distribution) and run the command again."
  );
}

const done = []; // what this run had to do, for the summary line
const checkOnly = process.argv.includes("--check");

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch (e) {
    return -1;
  }
}

function run(cmd, args, opts) {
  console.log(tag + " $ " + [cmd].concat(args).join(" "));
  const r = spawnSync(cmd, args, Object.assign({ stdio: "inherit", cwd: root }, opts || {}));
  if (r.error) return { ok: false, why: r.error.message };
  return {
    ok: r.status === 0,
    why: r.signal ? "killed by " + r.signal : "exit code " + r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

// ---- 2. npm dependencies -------------------------------------------------
const nodeModules = join(root, "node_modules");
const stampFile = join(nodeModules, ".wasmcu-setup");
const lockFile = join(root, "package-lock.json");
const hasLock = existsSync(lockFile);

function depsStale() {
  if (!existsSync(nodeModules)) return "node_modules is missing";
  // npm rewrites node_modules/.package-lock.json on every install; our stamp
  // covers an install that changed nothing.
  const installed = Math.max(mtime(join(nodeModules, ".package-lock.json")), mtime(stampFile));
  if (installed < 0) return "node_modules has no install record";
  if (mtime(join(root, "package.json")) > installed) return "package.json is newer than node_modules";
  if (hasLock && mtime(lockFile) > installed) return "package-lock.json is newer than node_modules";
  return null;
}

// The packages the scripts load; a missing one means a broken install.
// (Looked up on disk: a package whose "exports" omit package.json, like
// commander, cannot be resolved by that name.)
function missingPackages() {
  const names = ["typescript", "esbuild", "vitest", "tsx", "wabt", "commander", "serialport", "cli-progress"];
  return names.filter((name) => !existsSync(join(root, "node_modules", name, "package.json")));
}

// esbuild runs a native binary from its optional platform package
// (@esbuild/<platform>-<arch>). npm 11 may skip esbuild's install script
// ("install-scripts not yet covered by allowScripts"): harmless as long as the
// platform package is installed, which is what this checks.
function esbuildBinary() {
  const req = createRequire(join(root, "package.json"));
  let esbuildPkg;
  try {
    esbuildPkg = req.resolve("esbuild/package.json");
  } catch (e) {
    return { ok: false, why: "esbuild is not installed" };
  }
  if (process.env.ESBUILD_BINARY_PATH) {
    return existsSync(process.env.ESBUILD_BINARY_PATH)
      ? { ok: true, path: process.env.ESBUILD_BINARY_PATH }
      : { ok: false, why: "ESBUILD_BINARY_PATH=" + process.env.ESBUILD_BINARY_PATH + " does not exist" };
  }
  const platformPkg = "@esbuild/" + process.platform + "-" + process.arch;
  const binRel = process.platform === "win32" ? "esbuild.exe" : "bin/esbuild";
  try {
    const path = createRequire(esbuildPkg).resolve(platformPkg + "/" + binRel);
    accessSync(path, fsc.X_OK);
    return { ok: true, path: path };
  } catch (e) {
    return { ok: false, why: "esbuild's binary package " + platformPkg + " is missing or not executable" };
  }
}

function installDeps(reason) {
  if (checkOnly) fail("npm dependencies need installing (" + reason + ")");
  console.log(tag + " installing npm dependencies (" + reason + ")");
  let r;
  if (hasLock) {
    // npm ci's output is captured: when the lock file is out of sync with
    // package.json (after an edit, or a lock written where the registry left
    // out other platforms' optional packages) it prints its whole usage text.
    r = run("npm", ["ci", "--no-audit", "--no-fund"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    const out = ((r.stdout || "") + (r.stderr || "")).trim();
    if (r.ok) {
      if (out) console.log(out);
    } else {
      const errors = out.split("\n").filter((l) => /^npm error (code|[^ ].*(sync|Missing))/.test(l));
      console.log((errors.length ? errors.slice(0, 4) : out.split("\n").slice(-20)).join("\n"));
      console.log(tag + " npm ci failed (" + r.why + "); running npm install instead, which may update package-lock.json");
      r = run("npm", ["install", "--no-audit", "--no-fund"]);
    }
  } else {
    r = run("npm", ["install", "--no-audit", "--no-fund"]);
  }
  if (!r.ok) fail("npm dependency install failed (" + r.why + "). Fix the error above and run the command again.");
  writeFileSync(stampFile, new Date().toISOString() + "\n");
  done.push("npm dependencies");
}

{
  const stale = depsStale();
  if (stale) installDeps(stale);
  else {
    const missing = missingPackages();
    if (missing.length) installDeps("missing: " + missing.join(", "));
  }
  let bin = esbuildBinary();
  if (!bin.ok && !done.length) {
    installDeps(bin.why);
    bin = esbuildBinary();
  }
  if (!bin.ok) {
    fail(
      bin.why + ".\n  npm skips optional dependencies with --omit=optional or --no-optional; reinstall with\n" +
        "  rm -rf node_modules && npm install"
    );
  }
  if (done.length) {
    // Prove the binary runs (only after an install: this spawns a process).
    const r = spawnSync(bin.path, ["--version"], { encoding: "utf8" });
    if (r.status !== 0) fail("esbuild's binary " + bin.path + " does not run: " + (r.error ? r.error.message : r.stderr));
  }
}

// ---- 3. Debian packages --------------------------------------------------
const pathDirs = (process.env.PATH || "").split(delimiter).filter(Boolean);
function hasCommand(name) {
  for (const dir of pathDirs) {
    try {
      accessSync(join(dir, name), fsc.X_OK);
      return true;
    } catch (e) {
      /* next */
    }
  }
  return false;
}

// Each requirement: how it is checked, and the Debian packages that provide it.
const required = [
  { what: "gcc", ok: () => hasCommand("gcc"), pkgs: ["gcc"] },
  {
    what: "C library headers",
    ok: () => existsSync("/usr/include/stdio.h") || !hasCommand("apt-get"),
    pkgs: ["libc6-dev"],
  },
  { what: "make", ok: () => hasCommand("make"), pkgs: ["make"] },
  // wast2json converts the spec testsuite's scripts (npm run spec)
  { what: "wast2json", ok: () => hasCommand("wast2json"), pkgs: ["wabt"] },
  { what: "arm-none-eabi-gcc", ok: () => hasCommand("arm-none-eabi-gcc"), pkgs: ["gcc-arm-none-eabi"] },
  // pseudo-terminal pairs for the host link's tests (tests/link)
  { what: "socat", ok: () => hasCommand("socat"), pkgs: ["socat"] },
  // runs the runtime's Cortex-M0+ build in the tests (tests/runtime/arm-qemu.test.ts)
  { what: "qemu-arm", ok: () => hasCommand("qemu-arm"), pkgs: ["qemu-user"] },
  {
    what: "newlib for arm-none-eabi",
    ok: () => existsSync("/usr/lib/arm-none-eabi/newlib/libc.a") || !hasCommand("apt-get"),
    pkgs: ["libnewlib-arm-none-eabi"],
  },
  // C to wasm32-wasi for the examples (npm run examples, tests/examples)
  { what: "clang-19", ok: () => hasCommand("clang-19"), pkgs: ["clang-19"] },
  { what: "wasm-ld-19", ok: () => hasCommand("wasm-ld-19"), pkgs: ["lld-19"] },
  {
    what: "wasi-libc",
    ok: () => existsSync("/usr/lib/wasm32-wasi/libc.a") || !hasCommand("apt-get"),
    pkgs: ["wasi-libc"],
  },
  {
    what: "clang's wasm32 runtime library",
    ok: () => existsSync("/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a") || !hasCommand("apt-get"),
    pkgs: ["libclang-rt-19-dev-wasm32"],
  },
  // Rust to wasm32-wasi: Debian's rustc 1.63 (a rustup toolchain on PATH may
  // lack the target), which links with lld-14 (lld-19 rejects its .rlib files)
  {
    what: "rustc with the wasm32-wasi standard library",
    ok: () => existsSync("/usr/lib/rustlib/wasm32-wasi/lib") || !hasCommand("apt-get"),
    pkgs: ["rustc", "libstd-rust-dev-wasm32"],
  },
  { what: "wasm-ld-14", ok: () => hasCommand("wasm-ld-14") || !hasCommand("apt-get"), pkgs: ["lld-14"] },
];
const optional = [{ what: "valgrind", ok: () => hasCommand("valgrind"), pkgs: ["valgrind"] }];

const missingReq = required.filter((r) => !r.ok());
const missingOpt = optional.filter((r) => !r.ok());
const pkgList = (list) => list.flatMap((r) => r.pkgs);
const aptArgs = (pkgs) => ["install", "-y", "--no-install-recommends"].concat(pkgs);

if (missingReq.length) {
  const pkgs = pkgList(missingReq.concat(missingOpt));
  const names = missingReq.map((r) => r.what).join(", ");
  if (!hasCommand("apt-get")) {
    fail(
      "missing: " + names + ". This is not a Debian-like system (no apt-get): install the equivalent of the\n" +
        "  Debian packages " + pkgs.join(" ") + " and run the command again."
    );
  }
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || checkOnly) {
    fail(
      "missing: " + names + ". Install the Debian packages with:\n\n" +
        "  sudo apt-get update && sudo apt-get " + aptArgs(pkgs).join(" ") + "\n\n" +
        "then run the command again."
    );
  }
  console.log(tag + " missing " + names + ": installing " + pkgs.join(" "));
  const env = Object.assign({}, process.env, { DEBIAN_FRONTEND: "noninteractive" });
  let r = run("apt-get", ["update"], { env: env });
  if (!r.ok) fail("apt-get update failed (" + r.why + ")");
  r = run("apt-get", aptArgs(pkgs), { env: env });
  if (!r.ok) fail("apt-get install failed (" + r.why + ")");
  const still = missingReq.filter((x) => !x.ok());
  if (still.length) fail("still missing after apt-get install: " + still.map((x) => x.what).join(", "));
  done.push("Debian packages " + pkgs.join(" "));
}

// valgrind only matters to `npm run bench`; say so there (or when run directly).
const lifecycle = process.env.npm_lifecycle_event;
const stillOpt = optional.filter((r) => !r.ok());
if (stillOpt.length && (lifecycle === undefined || lifecycle === "bench" || lifecycle === "setup")) {
  console.log(
    tag + " warning: " + stillOpt.map((r) => r.what).join(", ") + " not found; `npm run bench -- --instructions` " +
      "needs it (apt-get install -y " + pkgList(stillOpt).join(" ") + ")"
  );
}

if (done.length) console.log(tag + " done (" + done.join("; ") + ")");
else console.log(tag + " ok (node " + process.versions.node + ", npm dependencies, gcc, make, arm-none-eabi-gcc, clang-19, rustc" + (stillOpt.length ? "" : ", valgrind") + ")");
