// The Node side of the natives declared by the regression programs of 87-regressions.ts.
globalThis.c3_native_name_twice = (x) => Math.imul(x, 2);
