/* Runs one runtime call that may panic: argv[1] names it, the rest are its
 * integer arguments. Prints "before" first (to check that stdout is flushed
 * before the panic message) and the result if there is no panic. */
#include "sts_runtime.h"
#include <inttypes.h>

#define LOC "t.ts:3:7"

int main(int argc, char **argv) {
  const char *c = argc > 1 ? argv[1] : "";
  int64_t a[6] = {0, 0, 0, 0, 0, 0};
  int i;
  for (i = 2; i < argc && i < 8; i++) a[i - 2] = (int64_t)strtoll(argv[i], NULL, 10);
  printf("before\n");
  if (!strcmp(c, "idx")) {
    uint32_t k = STS_IDX(a[0], (uint32_t)a[1], LOC);
    printf("idx %" PRIu32 "\n", k);
  } else if (!strcmp(c, "idx_once")) {
    int64_t n = a[0];
    uint32_t k = STS_IDX(n++, 10, LOC); /* evaluated once */
    printf("idx %" PRIu32 " %" PRId64 "\n", k, n);
  } else if (!strcmp(c, "intrange")) {
    printf("v %" PRId64 "\n", sts_check_int_range(a[0], a[1], a[2], LOC));
  } else if (!strcmp(c, "i64div")) {
    printf("%" PRId64 "\n", sts_i64_div(a[0], a[1], LOC));
  } else if (!strcmp(c, "i64rem")) {
    printf("%" PRId64 "\n", sts_i64_rem(a[0], a[1], LOC));
  } else if (!strcmp(c, "u64div")) {
    printf("%" PRIu64 "\n", sts_u64_div((uint64_t)a[0], (uint64_t)a[1], LOC));
  } else if (!strcmp(c, "u64rem")) {
    printf("%" PRIu64 "\n", sts_u64_rem((uint64_t)a[0], (uint64_t)a[1], LOC));
  } else if (!strcmp(c, "dvget")) { /* buffer length, offset, width */
    sts_DataView v = sts_DataView_new(sts_ArrayBuffer_new(a[0], LOC), 0, -1, LOC);
    if (a[2] == 1) printf("%u\n", (unsigned)sts_dv_getUint8(v, a[1], LOC));
    if (a[2] == 2) printf("%u\n", (unsigned)sts_dv_getUint16(v, a[1], 0, LOC));
    if (a[2] == 4) printf("%" PRIu32 "\n", sts_dv_getUint32(v, a[1], 1, LOC));
    if (a[2] == 8) printf("%.17g\n", sts_dv_getFloat64(v, a[1], 1, LOC));
  } else if (!strcmp(c, "dvset")) {
    sts_DataView v = sts_DataView_new(sts_ArrayBuffer_new(a[0], LOC), 0, -1, LOC);
    if (a[2] == 1) sts_dv_setInt8(v, a[1], 1, LOC);
    if (a[2] == 2) sts_dv_setInt16(v, a[1], 1, 0, LOC);
    if (a[2] == 4) sts_dv_setFloat32(v, a[1], 1.0f, 1, LOC);
    if (a[2] == 8) sts_dv_setBigInt64(v, a[1], 1, 0, LOC);
    printf("ok\n");
  } else if (!strcmp(c, "dvnew")) { /* buffer length, offset, length */
    sts_DataView v = sts_DataView_new(sts_ArrayBuffer_new(a[0], LOC), a[1], a[2], LOC);
    printf("%" PRIu32 "\n", v.length);
  } else if (!strcmp(c, "abnew")) {
    printf("%" PRIu32 "\n", sts_ArrayBuffer_new(a[0], LOC).length);
  } else if (!strcmp(c, "u8new")) {
    printf("%" PRIu32 "\n", sts_Uint8Array_new(a[0], LOC).length);
  } else if (!strcmp(c, "f64new")) {
    printf("%" PRIu32 "\n", sts_Float64Array_new(a[0], LOC).length);
  } else if (!strcmp(c, "u8view") || !strcmp(c, "i32view") || !strcmp(c, "f64view") ||
             !strcmp(c, "u16view")) { /* buffer length, offset, length */
    sts_ArrayBuffer b = sts_ArrayBuffer_new(a[0], LOC);
    uint32_t n = 0;
    if (c[0] == 'u' && c[1] == '8') n = sts_Uint8Array_view(b, a[1], a[2], LOC).length;
    if (c[0] == 'u' && c[1] == '1') n = sts_Uint16Array_view(b, a[1], a[2], LOC).length;
    if (c[0] == 'i') n = sts_Int32Array_view(b, a[1], a[2], LOC).length;
    if (c[0] == 'f') n = sts_Float64Array_view(b, a[1], a[2], LOC).length;
    printf("%" PRIu32 "\n", n);
  } else if (!strcmp(c, "set")) { /* dst length, src length, offset */
    sts_Int16Array d = sts_Int16Array_new(a[0], LOC);
    sts_Int16Array_set(d, sts_Int16Array_new(a[1], LOC), a[2], LOC);
    printf("ok\n");
  } else if (!strcmp(c, "pop")) { /* pushes a[0] elements, pops a[1] times */
    sts_array *arr = sts_array_new(sizeof(int32_t), 0);
    int64_t k;
    for (k = 0; k < a[0]; k++) STS_ARRAY_PUSH(int32_t, arr, (int32_t)k);
    for (k = 0; k < a[1]; k++) printf("%d\n", (int)STS_ARRAY_POP(int32_t, arr, LOC));
  } else if (!strcmp(c, "at")) { /* length, index */
    sts_array *arr = sts_array_new(sizeof(double), 0);
    int64_t k;
    for (k = 0; k < a[0]; k++) STS_ARRAY_PUSH(double, arr, (double)k);
    printf("%g\n", STS_ARRAY_AT(double, arr, a[1], LOC));
  } else {
    printf("unknown case %s\n", c);
  }
  return 0;
}
