/* C implementations of the natives declared in 69-native.ts.
   C types: i32 -> int32_t, u32 -> uint32_t, f64 -> double, i64 -> int64_t, boolean -> int. */
#include <stdint.h>

int32_t native_add(int32_t a, int32_t b);
uint32_t native_mix(uint32_t x);
double native_scale(double x, double k);
int64_t native_wide(int64_t a, int64_t b);
int native_is_even(int32_t x);
void native_tick(void);
int32_t native_ticks(void);

static int32_t ticks = 0;

int32_t native_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

uint32_t native_mix(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

double native_scale(double x, double k) {
  return x * k;
}

int64_t native_wide(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a * (uint64_t)b + 7u);
}

int native_is_even(int32_t x) {
  return (x & 1) == 0;
}

void native_tick(void) {
  ticks++;
}

int32_t native_ticks(void) {
  return ticks;
}
