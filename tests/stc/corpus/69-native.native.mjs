// The Node side of the natives declared in 69-native.ts: the same functions, set on globalThis.
// Loaded with `node --import` before the bundled program runs.
let ticks = 0;

globalThis.native_add = (a, b) => (a + b) | 0;

globalThis.native_mix = (x) => {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x;
};

globalThis.native_scale = (x, k) => x * k;

globalThis.native_wide = (a, b) => BigInt.asIntN(64, a * b + 7n);

globalThis.native_is_even = (x) => (x & 1) === 0;

globalThis.native_tick = () => {
  ticks++;
};

globalThis.native_ticks = () => ticks;
