// The runtime as a whole: warning-free with gcc and arm-none-eabi-gcc in
// every configuration, even when a program uses none of it, and
// runtimeSource() is the files in order.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runtimeFiles, runtimeSource } from "../../tools/stc/runtime/index.ts";
import { CFLAGS, hasCommand, runtimeDir } from "./helpers.ts";

const ARM = ["-std=c99", "-mcpu=cortex-m0plus", "-mthumb", "-Os", "-Wall", "-Wextra", "-Werror"];
// stricter warnings than the compiler uses, so generated code can turn them on
const STRICT = ["-pedantic-errors", "-Wconversion", "-Wsign-conversion", "-Wdouble-promotion", "-Wshadow", "-Wcast-align"];
const configs: string[][] = [
  [],
  ["-DNDEBUG"],
  ["-DSTS_PORT_WRITE", "-DSTS_PORT_PANIC", "-DSTS_PORT_ALLOC"],
  ["-DNDEBUG", "-DSTS_PORT_WRITE", "-DSTS_PORT_PANIC", "-DSTS_PORT_ALLOC"],
];

// Calls every public function once, so that inlining exposes any warning
// (gcc reports some only after inlining, e.g. -Wfree-nonheap-object).
const useAll = `
#include "sts_runtime.h"
#ifdef STS_PORT_WRITE
void sts_port_write(const char *p, size_t n) { (void)p; (void)n; }
#endif
#ifdef STS_PORT_PANIC
void sts_port_panic(const char *loc, const char *msg) { (void)loc; (void)msg; for (;;) {} }
#endif
#ifdef STS_PORT_ALLOC
static char heap[1 << 16]; static size_t heap_used;
void *sts_port_malloc(size_t n) { void *p = heap + heap_used; n = (n + 7u) & ~(size_t)7u; if (n > sizeof heap - heap_used) return NULL; heap_used += n; return p; }
void sts_port_free(void *p) { (void)p; }
#endif
typedef struct { int32_t x; double y; } pt;
int use_all(int argc, double d, int64_t i, uint64_t u, const char *loc);
int use_all(int argc, double d, int64_t i, uint64_t u, const char *loc) {
  char buf[32];
  sts_arena *a = sts_arena_create(256), *prev = sts_arena_use(a);
  sts_str s = sts_str_concat(STS_STR("a"), sts_str_from_f64(d));
  sts_array *arr = sts_array_new(sizeof(pt), 2);
  sts_array *nums = sts_array_of(sizeof(double), &d, 1);
  pt p0 = {1, 2.0};
  sts_ArrayBuffer b = sts_ArrayBuffer_new(64, loc);
  sts_DataView v = sts_DataView_new(b, 0, -1, loc);
  sts_Uint8Array u8 = sts_Uint8Array_view(b, 0, -1, loc);
  sts_Int8Array i8 = sts_Int8Array_new(4, loc);
  sts_Uint16Array u16 = sts_Uint16Array_subarray(sts_Uint16Array_view(b, 2, 4, loc), -2, 4);
  sts_Int16Array i16 = sts_Int16Array_slice(sts_Int16Array_new(8, loc), 1, -1);
  sts_Uint32Array u32 = sts_Uint32Array_of((const uint32_t *)&argc, 1);
  sts_Int32Array i32 = sts_Int32Array_new(argc, loc);
  sts_Float32Array f32 = sts_Float32Array_new(3, loc);
  sts_Float64Array f64 = sts_Float64Array_new(3, loc);
  sts_BigInt64Array bi = sts_BigInt64Array_new(3, loc);
  sts_BigUint64Array bu = sts_BigUint64Array_new(3, loc);
  int r = 0;
  STS_ARRAY_PUSH(pt, arr, p0);
  STS_ARRAY_AT(pt, arr, i, loc).x += 1;
  r += STS_ARRAY_POP(pt, arr, loc).x;
  sts_array_reserve(arr, sizeof(pt), 10);
  *(pt *)sts_array_push_slot(arr, sizeof(pt)) = p0;
  STS_ARRAY_AT(double, nums, 0, loc) = 1;
  sts_Uint8Array_fill(u8, 1, 0, 64);
  sts_Int8Array_copyWithin(i8, 0, 1, 4);
  sts_Int32Array_set(i32, i32, 0, loc);
  f32.data[STS_IDX(i, f32.length, loc)] = (float)d;
  f64.data[STS_IDX(u, f64.length, loc)] = d;
  bi.data[0] = sts_i64_div(i, 3, loc) + sts_i64_rem(i, 3, loc) + sts_sar64(i, u) + sts_asintn(u, 7);
  bu.data[0] = sts_u64_div(u, 3, loc) + sts_u64_rem(u, 3, loc) + sts_shl64(u, 3) + sts_shr64(u, 3) + sts_asuintn(u, 9);
  sts_dv_setUint8(v, 0, 1, loc); sts_dv_setInt8(v, 1, -1, loc);
  sts_dv_setUint16(v, 2, 1, 1, loc); sts_dv_setInt16(v, 2, -1, 0, loc);
  sts_dv_setUint32(v, 4, 1, 1, loc); sts_dv_setInt32(v, 4, -1, 0, loc);
  sts_dv_setFloat32(v, 8, 1.5f, 1, loc); sts_dv_setFloat64(v, 8, d, 0, loc);
  sts_dv_setBigInt64(v, 16, i, 1, loc); sts_dv_setBigUint64(v, 24, u, 0, loc);
  r += sts_dv_getUint8(v, 0, loc) + sts_dv_getInt8(v, 1, loc) + sts_dv_getUint16(v, 2, 1, loc) +
       sts_dv_getInt16(v, 2, 0, loc) + (int)sts_dv_getUint32(v, 4, 1, loc) + sts_dv_getInt32(v, 4, 0, loc) +
       (int)sts_dv_getFloat32(v, 8, 1, loc) + (int)sts_dv_getFloat64(v, 8, 0, loc) +
       (int)sts_dv_getBigInt64(v, 16, 1, loc) + (int)sts_dv_getBigUint64(v, 24, 0, loc);
  r += sts_toint32(d) + (int)sts_touint32(d) + sts_clz32(u16.length) + (int)sts_min(d, 1) + (int)sts_max(d, 1) +
       (int)sts_round(d) + (int)sts_sign(d) + sts_truthy_f64(d) + (int)sts_div_toint(i, 7) +
       (int)sts_rem_toint(i, 7) + (int)sts_rem_f64(d, 3) + sts_cmp_i64_u64(i, u) + (int)sts_i64_to_f64(i) +
       (int)sts_u64_to_f64(u) + (int)sts_check_int_range(i, 0, 10, loc) + (int)i16.length + bi.data[0] > 0;
  r += (int)sts_fmt_f64(buf, d, 1) + (int)sts_fmt_i64(buf, i) + (int)sts_fmt_u64(buf, u) +
       (int)sts_f32_bits(sts_f32_from_bits(1)) + (int)sts_f64_bits(sts_f64_from_bits(2));
  r += sts_str_eq(s, sts_str_from_i64(i)) + sts_str_eq(sts_str_from_u64(u), sts_str_from_bool(argc));
  r += (int)sts_arena_used(a) + (int)sts_arena_used(NULL) + (int)bu.data[0] + (int)u32.data[0];
  r += sts_realloc_copy(sts_alloc(8), 8, 16) != NULL;
  sts_log_f64(d); sts_log_sep(); sts_log_i64(i); sts_log_u64(u); sts_log_bigint_i64(i);
  sts_log_bigint_u64(u); sts_log_bool(argc); sts_log_str(s); sts_log_end();
  sts_arena_use(prev);
  sts_arena_free(a);
  sts_arena_free(NULL);
  if (argc > 100) sts_panic(loc, "boom");
  return r;
}
`;

function compile(cc: string, flags: string[], source: string, name: string) {
  const d = runtimeDir();
  const file = join(d, `${name}.c`);
  writeFileSync(file, source);
  const r = spawnSync(cc, [...flags, "-I", d, "-c", file, "-o", join(d, `${name}.o`)], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

describe("runtimeSource()", () => {
  it("is the header files in order, behind a header comment and an include guard", () => {
    const src = runtimeSource();
    expect(src.startsWith("/*")).toBe(true);
    let at = 0;
    for (const f of runtimeFiles) {
      const text = readFileSync(new URL(`../../tools/stc/runtime/${f}`, import.meta.url), "utf8");
      const i = src.indexOf(text, at);
      expect(i, f).toBeGreaterThanOrEqual(at);
      at = i + text.length;
    }
    expect(runtimeFiles).toEqual([
      "sts_base.h", "sts_number.h", "sts_bigint.h", "sts_string.h",
      "sts_arena.h", "sts_typed.h", "sts_array.h", "sts_console.h",
    ]);
  });
});

describe("compiles without warnings", () => {
  for (const flags of configs) {
    const tag = flags.join(" ") || "default";
    it(`gcc, unused (${tag})`, () => {
      expect(compile("gcc", [...CFLAGS, ...flags], '#include "sts_runtime.h"\n', `empty${configs.indexOf(flags)}`)).toEqual({ status: 0, stderr: "" });
    });
    it(`gcc, every function used (${tag})`, () => {
      expect(compile("gcc", [...CFLAGS, ...STRICT, ...flags], useAll, `all${configs.indexOf(flags)}`)).toEqual({ status: 0, stderr: "" });
    });
  }

  const haveArm = hasCommand("arm-none-eabi-gcc");
  if (!haveArm) process.stderr.write("SKIP: arm-none-eabi-gcc is not installed; the Cortex-M0+ compile tests are skipped\n");
  for (const flags of configs) {
    const tag = flags.join(" ") || "default";
    it.skipIf(!haveArm)(`arm-none-eabi-gcc -mcpu=cortex-m0plus (${tag})`, () => {
      expect(compile("arm-none-eabi-gcc", [...ARM, ...flags], '#include "sts_runtime.h"\n', `armempty${configs.indexOf(flags)}`)).toEqual({ status: 0, stderr: "" });
      expect(compile("arm-none-eabi-gcc", [...ARM, ...STRICT, ...flags], useAll, `armall${configs.indexOf(flags)}`)).toEqual({ status: 0, stderr: "" });
    });
  }

  it("refuses a big-endian target", () => {
    const r = compile("gcc", [...CFLAGS, "-U__BYTE_ORDER__", "-D__BYTE_ORDER__=__ORDER_BIG_ENDIAN__"], '#include "sts_runtime.h"\n', "bigendian");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("little-endian");
  });

  it.skipIf(!haveArm)("arm-none-eabi-gcc: without ports the object needs stdio; with all ports it needs none", () => {
    const d = runtimeDir();
    compile("arm-none-eabi-gcc", [...ARM, "-DSTS_PORT_WRITE", "-DSTS_PORT_PANIC", "-DSTS_PORT_ALLOC"], useAll, "armports");
    const syms = execFileSync("arm-none-eabi-nm", ["-u", join(d, "armports.o")], { encoding: "utf8" });
    expect(syms).not.toMatch(/printf|fwrite|fputs|fflush|stderr|stdout|malloc|\bfree\b|abort|strtod/);
  });
});
