/* DataView accessors on a 24-byte buffer viewed at byteOffset 4, length 16.
 *   set T off value le   (Float32 value: 8 hex digits of its bits, Float64:
 *                         16 hex digits; others decimal) then prints the
 *                         24 buffer bytes in hex
 *   get T off le         prints the value (floats: 16 hex digits of the
 *                         double the JS getter would return)
 * Also NaN conversions, used by the Float32Array NaN test:
 *   d2f HEX64            bits of (float)d          (Float32Array store)
 *   f2d HEX32            bits of (double)f         (Float32Array load)
 *   fround HEX64         bits of (double)(float)d  (Math.fround) */
#include "sts_runtime.h"
#include <inttypes.h>

int main(void) {
  char line[256];
  sts_ArrayBuffer buf = sts_ArrayBuffer_new(24, "buf");
  sts_DataView v = sts_DataView_new(buf, 4, 16, "dv");
  while (fgets(line, sizeof line, stdin) != NULL) {
    char op[16], t[16], val[64];
    long long off = 0;
    int le = 0;
    if (sscanf(line, "%15s", op) != 1) continue;
    if (!strcmp(op, "set")) {
      uint32_t i;
      sscanf(line, "%15s %15s %lld %63s %d", op, t, &off, val, &le);
      if (!strcmp(t, "Uint8")) sts_dv_setUint8(v, off, (uint8_t)strtoll(val, NULL, 10), "set");
      else if (!strcmp(t, "Int8")) sts_dv_setInt8(v, off, (int8_t)strtoll(val, NULL, 10), "set");
      else if (!strcmp(t, "Uint16")) sts_dv_setUint16(v, off, (uint16_t)strtoll(val, NULL, 10), le, "set");
      else if (!strcmp(t, "Int16")) sts_dv_setInt16(v, off, (int16_t)strtoll(val, NULL, 10), le, "set");
      else if (!strcmp(t, "Uint32")) sts_dv_setUint32(v, off, (uint32_t)strtoll(val, NULL, 10), le, "set");
      else if (!strcmp(t, "Int32")) sts_dv_setInt32(v, off, (int32_t)strtoll(val, NULL, 10), le, "set");
      else if (!strcmp(t, "Float32"))
        sts_dv_setFloat32(v, off, sts_f32_from_bits((uint32_t)strtoull(val, NULL, 16)), le, "set");
      else if (!strcmp(t, "Float64"))
        sts_dv_setFloat64(v, off, sts_f64_from_bits(strtoull(val, NULL, 16)), le, "set");
      else if (!strcmp(t, "BigInt64")) sts_dv_setBigInt64(v, off, (int64_t)strtoll(val, NULL, 10), le, "set");
      else if (!strcmp(t, "BigUint64")) sts_dv_setBigUint64(v, off, strtoull(val, NULL, 10), le, "set");
      else printf("unknown type %s", t);
      for (i = 0; i < buf.length; i++) printf("%02x", buf.data[i]);
      printf("\n");
    } else if (!strcmp(op, "get")) {
      sscanf(line, "%15s %15s %lld %d", op, t, &off, &le);
      if (!strcmp(t, "Uint8")) printf("%u\n", (unsigned)sts_dv_getUint8(v, off, "get"));
      else if (!strcmp(t, "Int8")) printf("%d\n", (int)sts_dv_getInt8(v, off, "get"));
      else if (!strcmp(t, "Uint16")) printf("%u\n", (unsigned)sts_dv_getUint16(v, off, le, "get"));
      else if (!strcmp(t, "Int16")) printf("%d\n", (int)sts_dv_getInt16(v, off, le, "get"));
      else if (!strcmp(t, "Uint32")) printf("%" PRIu32 "\n", sts_dv_getUint32(v, off, le, "get"));
      else if (!strcmp(t, "Int32")) printf("%" PRId32 "\n", sts_dv_getInt32(v, off, le, "get"));
      else if (!strcmp(t, "Float32"))
        printf("%016" PRIx64 "\n", sts_f64_bits((double)sts_dv_getFloat32(v, off, le, "get")));
      else if (!strcmp(t, "Float64"))
        printf("%016" PRIx64 "\n", sts_f64_bits(sts_dv_getFloat64(v, off, le, "get")));
      else if (!strcmp(t, "BigInt64")) printf("%" PRId64 "\n", sts_dv_getBigInt64(v, off, le, "get"));
      else if (!strcmp(t, "BigUint64")) printf("%" PRIu64 "\n", sts_dv_getBigUint64(v, off, le, "get"));
      else printf("unknown type %s\n", t);
    } else if (!strcmp(op, "d2f")) {
      sscanf(line, "%15s %63s", op, val);
      {
        sts_Float32Array a = sts_Float32Array_new(1, "d2f");
        a.data[0] = (float)sts_f64_from_bits(strtoull(val, NULL, 16));
        printf("%08" PRIx32 "\n", sts_f32_bits(a.data[0]));
      }
    } else if (!strcmp(op, "f2d")) {
      sscanf(line, "%15s %63s", op, val);
      printf("%016" PRIx64 "\n", sts_f64_bits((double)sts_f32_from_bits((uint32_t)strtoull(val, NULL, 16))));
    } else if (!strcmp(op, "fround")) {
      sscanf(line, "%15s %63s", op, val);
      printf("%016" PRIx64 "\n", sts_f64_bits((double)(float)sts_f64_from_bits(strtoull(val, NULL, 16))));
    } else {
      printf("unknown op %s\n", op);
    }
  }
  return 0;
}
