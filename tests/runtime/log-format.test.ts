// sts_log_format (tools/stc/runtime/sts_log_format.h): console.log(first, ...rest)
// with a format string, compared byte for byte with Node's util.format on a
// few thousand generated cases (c/logfmt.c is the driver).
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import {
  CFLAGS, armQemuMissing, bitsToF64, buildArmDriver, buildDriver, f64Hex, hasCommand, rand64, rng, run, runArm,
  runtimeDir,
} from "./helpers.ts";

type Arg = number | bigint | boolean | string;
/** an argument and how the C side receives it */
interface CArg { v: Arg; tok: string }
interface Case { args: CArg[]; fmt: string }

const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");

const r = rng(0x5eed1095);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (n: number) => Math.floor(r() * n);

// ---- numbers ----
const edgeNumbers = [
  0, -0, NaN, Infinity, -Infinity, 1e21, -1e21, 1e-7, -1e-7, 1e-6, 0.1, 0.5, -0.5, 123.456, -123.456, 1.5, -1.5,
  2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 31, -(2 ** 31), 4294967295, 5e-324, -5e-324, 1.7976931348623157e308,
  123456789012345680000, 1.2345e20, 9.999999999999999e20, 1e300, 1e-300, 0.000001234, 2.5e-7, 0.1 + 0.2, 100, -1, 7,
];
function randNumber(): number {
  switch (int(5)) {
    case 0: return pick(edgeNumbers);
    case 1: return int(2000) - 1000;
    case 2: return (r() - 0.5) * 10 ** (int(50) - 25);
    case 3: {
      const x = bitsToF64(rand64(r)); // any double, NaN payloads included
      return x;
    }
    default: return Math.round((r() - 0.5) * 2 ** int(60));
  }
}
function numArg(x: number): CArg {
  // integer-valued numbers travel as STS_LA_INT half of the time, like int-typed values
  if (Number.isSafeInteger(x) && !Object.is(x, -0) && r() < 0.5) return { v: x, tok: `I${x}` };
  return { v: x, tok: `D${f64Hex(x)}` };
}

// ---- bigints ----
const edgeBigints = [0n, 1n, -1n, 5n, 2n ** 64n - 1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 63n, 2n ** 53n + 1n, 10n ** 19n];
function bigArg(): CArg {
  const b = r() < 0.5 ? pick(edgeBigints) : r() < 0.5 ? BigInt.asIntN(64, rand64(r)) : rand64(r);
  if (b < 0n) return { v: b, tok: `B${b}` };
  if (b < 2n ** 63n && r() < 0.5) return { v: b, tok: `B${b}` };
  return { v: b, tok: `U${b}` };
}

// ---- strings ----
const wsChars = [" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029",
  "\u202f", "\u205f", "\u3000", "\ufeff", "\u180e", "\u200b"];
const textPieces = ["", "abc", "x", " ", "'", '"', "`", "${", "$", "{", "\\", "\n", "\t", "\r", "\b", "\f", "\v",
  "\x00", "\x01", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\xa0", "é", "ü", "€", "✓", "😀", "𝄞", "%",
  "%s", "%d", "%%", "null", "true", "0", "-0", "12", "3.5", "1e3", "0x1f", "NaN", "Infinity"];
const numericStrings = [
  "", " ", "0", "-0", "+0", "00", "007", "-007", " 12 ", "12abc", "abc", "1_000", ".5", "5.", ".", "-.5", "+.5e1",
  "1e", "1e+", "1e-", "1ex", "1.e3", ".e1", "-", "+", "0x", "0x1F", "0X1f", "-0x10", "+0x10", "0x1g", "0xg", "0b101",
  "0B2", "0o17", "0O8", "0o", "0b", " 0x10 ", "0x1fffffffffffff", "0x20000000000001", "0x20000000000003",
  "0x1000000000000081", "0x10000000000000800001", "0xfffffffffffffffffffffffffffffffff", `0x1${"0".repeat(300)}`,
  "0b" + "1".repeat(60), "0o" + "7".repeat(30), "Infinity", "-Infinity", "+Infinity", "Infinityx", "infinity",
  "Infinit", "NaN", "1e21", "1e-7", "123456789012345678901234567890", "9007199254740993", "9007199254740993.0000001",
  "9007199254740995", "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
  "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324",
  "2.4703282292062328e-324", "1e-400", "-1e-400", `1${"0".repeat(400)}`, `0.${"0".repeat(400)}1`, "1e99999999999",
  "0.1", "0.30000000000000004", "123.456e-2", "-5e-324", `1e${"9".repeat(30)}`, `1e-${"9".repeat(30)}`, `0e${"9".repeat(30)}`,
  `1e+${"0".repeat(30)}5`, `${"9".repeat(900)}e-900`, "  \u00a0\u2028-12.5e1\ufeff  ",
];
/** the exact decimal of mant * 2^e2 */
function exactDecimal(mant: bigint, e2: number): string {
  if (e2 >= 0) return (mant << BigInt(e2)).toString();
  const k = -e2;
  const s = (mant * 5n ** BigInt(k)).toString().padStart(k + 1, "0");
  return `${s.slice(0, -k)}.${s.slice(-k)}`.replace(/\.?0+$/, "");
}
/** decimal strings at, just above and just below the midpoint of a double and the next one */
function halfwayString(): string {
  let bits = rand64(r) & 0x7fefffffffffffffn;
  if (r() < 0.3) bits &= 0x800fffffffffffffn; // subnormals
  if (r() < 0.2) bits = (bits & 0x800fffffffffffffn) | (BigInt(1023 + int(120) - 60) << 52n);
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & 0xfffffffffffffn;
  const m = e === 0 ? f : f | (1n << 52n);
  const e2 = e === 0 ? -1074 : e - 1075;
  let s = exactDecimal(2n * m + 1n, e2 - 1);
  const dot = s.includes(".") ? "" : ".";
  // exact, or just above / below; the far variants have more than the 800
  // digits the C side keeps, so only its "digits were dropped" flag tells
  const sig = s.replace(".", "").replace(/^0+/, "").length; // significant digits
  switch (int(8)) {
    case 0: break;
    case 7: s = `${s}${dot}${"0".repeat(Math.max(0, 798 - sig + int(3)))}1`; break; // about 800 digits in all
    case 1: s = `${s}${dot}0000001`; break;
    case 2: s = dot ? s : `${s.slice(0, -1)}4999`; break; // the last digit is a 5
    case 3: s = `${s}${dot}${"0".repeat(850)}1`; break;
    case 4: s = dot ? s : `${s.slice(0, -1)}4${"9".repeat(850)}`; break;
    case 5: s = `${s}${dot}${"0".repeat(850)}`; break;
    default: s = `${s}000`; break;
  }
  if (bits >> 63n) s = `-${s}`;
  return s;
}
function randNumericString(): string {
  let s: string;
  switch (int(4)) {
    case 0: s = pick(numericStrings); break;
    case 1: s = halfwayString(); break;
    case 2: {
      const digits = () => Array.from({ length: 1 + int(20) }, () => String(int(10))).join("");
      s = pick(["", "", "-", "+"]) + (r() < 0.8 ? digits() : "") + (r() < 0.5 ? `.${digits()}` : "");
      if (r() < 0.5) s += `${pick(["e", "E"])}${pick(["", "+", "-"])}${int(400)}`;
      break;
    }
    default: s = String(randNumber()); break;
  }
  if (r() < 0.3) s = pick(wsChars) + s;
  if (r() < 0.3) s += pick(wsChars);
  if (r() < 0.1) s += pick(["x", "%", "e5", ".5", " 1"]);
  return s;
}
function randText(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += pick(textPieces);
  return s;
}
function longString(): string {
  switch (int(7)) {
    case 0: return `${randText(3)}\n`.repeat(20 + int(20));
    case 1: return "a".repeat(70 + int(15)) + (r() < 0.5 ? "\n" : "") + randText(3);
    case 2: return `${"x".repeat(9999)}😀${randText(2)}`; // the 10000-unit cut splits a pair
    case 3: return "y".repeat(10000 + int(3)) + randText(2);
    case 4: return `${"line '\"\n".repeat(1200)}${"😀".repeat(int(3))}`;
    case 5: return "\n".repeat(80 + int(4));
    default: return `${randText(30)}\n${randText(30)}`;
  }
}
function strArg(): CArg {
  const x = r();
  const s = x < 0.45 ? randText(int(5)) : x < 0.93 ? randNumericString() : longString();
  return { v: s, tok: `S${hex(s)}` };
}

function randArg(): CArg {
  const x = r();
  if (x < 0.35) return numArg(randNumber());
  if (x < 0.5) return bigArg();
  if (x < 0.6) return { v: x < 0.55, tok: `T${x < 0.55 ? 1 : 0}` };
  return strArg();
}

// ---- format strings ----
const specs = ["%s", "%d", "%i", "%f", "%j", "%o", "%O", "%c"];
const fmtPieces = ["abc", " ", "x=", "é", "😀", "'", '"', "\n", "%%", "%x", "%5", "%é", "% ", "%-", "%%%", "%S", "%D"];
function randCase(): Case {
  let fmt = "";
  let nspec = 0;
  const pieces = int(7);
  for (let i = 0; i < pieces; i++) {
    if (r() < 0.55) {
      fmt += pick(specs);
      nspec++;
    } else {
      fmt += pick(fmtPieces);
    }
  }
  if (r() < 0.15) fmt += "%";
  if (r() < 0.05) fmt = randText(3);
  const nargs = 1 + int(nspec + 3);
  return { fmt, args: Array.from({ length: nargs }, randArg) };
}

/** util.format's output, or undefined when it throws (a bigint for %j) */
function expected(c: Case): string | undefined {
  try {
    return format(c.fmt, ...c.args.map((a) => a.v)) + "\n";
  } catch (e) {
    if (e instanceof TypeError && e.message === "Do not know how to serialize a BigInt") return undefined;
    throw e;
  }
}
const inputLine = (c: Case) => [`F${hex(c.fmt)}`, ...c.args.map((a) => a.tok)].join(" ");

// hand-written cases first, then random ones
const fixed: Case[] = [
  ["%s %d %i %f %j %o %O %c|%%|%x|%", "str", -0, -0.5, -0, 1e21, "it's", 'a"b\'c', "gone", "extra", 5n, true],
  ["%d %d %d %d %d %d", " 0x1F ", "-0", "1e400", "", "0b101", "+0x10"],
  ["%i %i %i %i %i %i %i", 1e21, -0.5, NaN, "  -0x1Ag", "12.9e3", true, 2n ** 64n - 1n],
  ["%f %f %f %f %f", 2n ** 64n - 1n, "  -.5e-3xyz", "Infinityx", -(2n ** 63n), -0],
  ["%j %j %j %j %j", 'q"\\\b\f\n\r\t\x01\x1f\x7f\u2028', NaN, -0, false, 1e21],
  ["%o %O %o %O", "a'b\"c`d", "a'b\"c${", "\v\x85\xa0😀", "a'b"],
  ["%s", "only"], ["%%", 1], ["%%%s", 1], ["%", 1], ["%s%", 1, 2], ["abc", 1, "x"], ["%s %s %s", 1],
  ["%c%c%c", "a", "b"], ["%%s %s", 1], ["%s%s", "a"], ["%%%", 1], ["", 1], ["%j", "x"], ["%o", -0],
].map(([fmt, ...args]) => ({
  fmt: fmt as string,
  args: (args as Arg[]).map((v): CArg => typeof v === "number" ? { v, tok: `D${f64Hex(v)}` }
    : typeof v === "bigint" ? { v, tok: v < 0n ? `B${v}` : `U${v}` }
    : typeof v === "boolean" ? { v, tok: `T${v ? 1 : 0}` } : { v, tok: `S${hex(v)}` }),
}));

// every listed numeric string, number and bigint through every specifier
const every = (v: CArg) => ({ fmt: "%s|%d|%i|%f|%j|%o|%O|%c|", args: Array.from({ length: 8 }, () => v) });
for (const s of numericStrings) fixed.push(every({ v: s, tok: `S${hex(s)}` }));
for (const x of edgeNumbers) fixed.push(every(numArg(x)), every({ v: x, tok: `D${f64Hex(x)}` }));
for (const b of edgeBigints) fixed.push({ ...every({ v: b, tok: b < 0n ? `B${b}` : `U${b}` }), fmt: "%s|%d|%i|%f|%o|%O|%c|" });
for (let i = 0; i < 300; i++) {
  const s = halfwayString();
  fixed.push({ fmt: "%d %i %f", args: [s, s, s].map((v) => ({ v, tok: `S${hex(v)}` })) });
}

const all: Case[] = [...fixed];
while (all.length < 4000) all.push(randCase());
const good = all.filter((c) => expected(c) !== undefined);
const throwing = all.filter((c) => expected(c) === undefined);

function compare(stdout: string, cases: Case[]): string[] {
  const got = stdout.split("\n");
  const bad: string[] = [];
  if (got.pop() !== "" || got.length !== cases.length) bad.push(`${got.length} outputs for ${cases.length} cases`);
  cases.forEach((c, i) => {
    if (bad.length >= 10 || i >= got.length) return;
    const want = expected(c)!;
    if (got[i] !== hex(want)) {
      const g = Buffer.from(got[i]!, "hex").toString("utf8");
      const show = (s: string) => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}...` : s);
      bad.push(`format(${show(c.fmt)}, ${c.args.map((a) => a.tok.slice(0, 60)).join(" ")}):\n got  ${show(g)}\n want ${show(want)}`);
    }
  });
  return bad;
}

describe("sts_log_format", () => {
  it("matches util.format byte for byte", () => {
    expect(good.length).toBeGreaterThan(3000);
    const res = run(buildDriver("logfmt"), good.map(inputLine).join("\n") + "\n");
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(compare(res.stdout, good)).toEqual([]);
  });

  it("console.log prints util.format's result and a newline", () => {
    const js = `const cases = require("v8").deserialize(require("fs").readFileSync(0));
      for (const c of cases) console.log(...c);`;
    const node = spawnSync(process.execPath, ["-e", js], {
      input: serialize(good.map((c) => [c.fmt, ...c.args.map((a) => a.v)])),
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    expect(node.status).toBe(0);
    expect(node.stdout === good.map((c) => expected(c)).join("")).toBe(true);
  });

  it("%j of a bigint panics with Node's TypeError before printing anything", () => {
    expect(throwing.length).toBeGreaterThan(5);
    const bin = buildDriver("logfmt");
    for (const c of throwing.slice(0, 5)) {
      const res = run(bin, inputLine(c) + "\n", ["direct"]);
      expect(res.signal).toBe("SIGABRT");
      expect(res.stdout).toBe("");
      expect(res.stderr).toBe("TypeError: Do not know how to serialize a BigInt\n");
    }
  });

  it("compiles warning-free with strict flags, also for Cortex-M0+", () => {
    const d = runtimeDir();
    const rt = fileURLToPath(new URL("../../tools/stc/runtime/", import.meta.url));
    const src = join(d, "logfmt_strict.c");
    writeFileSync(src, `#define STS_PORT_WRITE
#define STS_PORT_PANIC
#include "sts_runtime.h"
#include "${rt}sts_ops.h"
#include "${rt}sts_log_format.h"
void demo(sts_str s, double d, int64_t i, uint64_t u, int b);
void demo(sts_str s, double d, int64_t i, uint64_t u, int b) {
  sts_log_format(s, (sts_logarg[]){sts_la_int(i), sts_la_f64(d), sts_la_big_i64(i), sts_la_big_u64(u),
                                   sts_la_str(s), sts_la_bool(b)}, 6);
}
`);
    const strict = ["-pedantic-errors", "-Wconversion", "-Wsign-conversion", "-Wdouble-promotion"];
    const compilers: [string, string[]][] = [["gcc", [...CFLAGS, ...strict]]];
    if (hasCommand("arm-none-eabi-gcc")) {
      compilers.push(["arm-none-eabi-gcc", ["-std=c99", "-mcpu=cortex-m0plus", "-mthumb", "-Os", "-Wall", "-Wextra", "-Werror", ...strict]]);
    }
    for (const [cc, flags] of compilers) {
      execFileSync(cc, [...flags, "-I", d, "-c", src, "-o", join(d, "logfmt_strict.o")], { stdio: ["ignore", "pipe", "pipe"] });
    }
  });

  const missing = armQemuMissing();
  it.skipIf(missing !== undefined)("the Cortex-M0+ build agrees (every 8th case, qemu-arm)", () => {
    const some = good.filter((_, i) => i % 8 === 0);
    const res = runArm(buildArmDriver("logfmt"), some.map(inputLine).join("\n") + "\n");
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(compare(res.stdout, some)).toEqual([]);
  });
});
