/* C implementations of the natives declared by the regression programs of 87-regressions.ts. */
#include <stdint.h>

int32_t c3_native_name_twice(int32_t x);

int32_t c3_native_name_twice(int32_t x) {
  return (int32_t)((uint32_t)x * 2u);
}
