/* ---- sts_typed.h: typed arrays, ArrayBuffer, DataView ----
 *
 * These are fat values { data, length }: the data pointer of a typed array
 * never changes after creation (no resizable buffers), so they are passed by
 * value. A view or subarray shares the data of its buffer. Storage comes
 * from the current arena, zeroed. Lengths and byte lengths fit uint32_t.
 *
 * RangeErrors that JS throws become panics with V8's message, always (also
 * with NDEBUG); element indexing is checked with STS_IDX by the compiler.
 *
 * Float32Array stores and NaN bits. Storing a double into a Float32Array
 * element is `(float)d` in C, the hardware conversion, as in V8. Observed
 * with Node 20 on x86-64, and checked by tests/runtime (natively and for a
 * Cortex-M0+ soft-float build under qemu):
 *  - double -> float32 (Float32Array store, DataView.setFloat32, the inner
 *    step of Math.fround): a NaN keeps its sign and the top 22 bits of its
 *    payload and becomes quiet (7ff0000020000000 -> 7fc00001); C gives the
 *    same bits.
 *  - float32 -> double (Float32Array load, DataView.getFloat32): the payload
 *    is shifted back and the NaN made quiet (7f800001 -> 7ff8000020000000);
 *    C gives the same bits.
 *  - Float64Array / DataView float64 loads and stores keep NaN bits exactly.
 *  - Not stable in V8 itself, so not matched: copying a signalling float32
 *    NaN from one Float32Array to another through a JS number is quieted by
 *    the interpreter (7f800001 -> 7fc00001) but kept by optimized code
 *    (TurboFan drops the float32 -> double -> float32 round trip, and so does
 *    gcc -O2); likewise the NaN that Math.min/max and arithmetic return
 *    varies between tiers (fff8000000000000 vs 7ff8000000000000).
 */

typedef struct {
  uint8_t *data;
  uint32_t length; /* byteLength */
} sts_ArrayBuffer;

typedef struct {
  uint8_t *data;
  uint32_t length; /* byteLength */
} sts_DataView;

/* "<prefix><v><suffix>" panic */
static inline STS_NORETURN void sts__panic_num(const char *loc, const char *prefix, int64_t v,
                                               const char *suffix) {
  sts__msg m;
  m.n = 0;
  sts__msg_s(&m, prefix);
  sts__msg_i(&m, v);
  sts__msg_s(&m, suffix);
  sts_panic(loc, m.buf);
}

/* JS relative index (ToIntegerOrInfinity already done): negative counts from
 * the end; the result is clamped to [0, len]. */
STS_HOT_INLINE uint32_t sts__rel_index(int64_t i, uint32_t len) {
  if (i < 0) {
    i += (int64_t)len;
    return i < 0 ? 0 : (uint32_t)i;
  }
  return i > (int64_t)len ? len : (uint32_t)i;
}

/* new ArrayBuffer(byteLength) */
static inline sts_ArrayBuffer sts_ArrayBuffer_new(int64_t byteLength, const char *loc) {
  sts_ArrayBuffer b;
  if (byteLength < 0 || byteLength > (int64_t)0xFFFFFFFFu ||
      (uint64_t)byteLength > (uint64_t)((size_t)-1 - 8u))
    sts_panic(loc, "RangeError: Invalid array buffer length");
  b.data = (uint8_t *)sts_alloc((size_t)byteLength);
  b.length = (uint32_t)byteLength;
  return b;
}

/* new DataView(buffer, byteOffset, byteLength); byteLength -1 = the rest */
static inline sts_DataView sts_DataView_new(sts_ArrayBuffer b, int64_t byteOffset, int64_t byteLength,
                                            const char *loc) {
  sts_DataView v;
  if (byteOffset < 0 || byteOffset > (int64_t)b.length)
    sts__panic_num(loc, "RangeError: Start offset ", byteOffset, " is outside the bounds of the buffer");
  if (byteLength == -1) {
    byteLength = (int64_t)b.length - byteOffset;
  } else if (byteLength < 0 || byteOffset + byteLength > (int64_t)b.length) {
    sts__panic_num(loc, "RangeError: Invalid DataView length ", byteLength, "");
  }
  v.data = b.data + byteOffset;
  v.length = (uint32_t)byteLength;
  return v;
}

/* Typed arrays of different kinds may view the same ArrayBuffer (a Float64Array
 * and a Uint32Array over one buffer is how STS reads the bits of a double), so
 * their elements are declared may_alias: C's strict-aliasing rule would
 * otherwise let the compiler reorder a uint32 store and a double load of the
 * same bytes. Compilers without the attribute need -fno-strict-aliasing. */
#if defined(__GNUC__)
#define STS_MAY_ALIAS __attribute__((__may_alias__))
#else
#define STS_MAY_ALIAS
#endif

/* One definition per typed-array kind K with element type E (SZ = sizeof(E)). */
#define STS__TYPED_ARRAY(K, E, SZ)                                                              \
  typedef E STS_MAY_ALIAS sts_##K##_elem;                                                       \
  typedef struct {                                                                              \
    sts_##K##_elem *data;                                                                       \
    uint32_t length;                                                                            \
  } sts_##K;                                                                                    \
                                                                                                \
  /* new K(length): zeroed */                                                                   \
  static inline sts_##K sts_##K##_new(int64_t length, const char *loc) {                        \
    sts_##K a;                                                                                  \
    if (length < 0 || length > (int64_t)(0xFFFFFFFFu / (SZ)) ||                                 \
        (uint64_t)length > (uint64_t)(((size_t)-1 - 8u) / (SZ)))                                \
      sts__panic_num(loc, "RangeError: Invalid typed array length: ", length, "");              \
    a.data = (E *)sts_alloc((size_t)length * (SZ));                                             \
    a.length = (uint32_t)length;                                                                \
    return a;                                                                                   \
  }                                                                                             \
                                                                                                \
  /* K.of(...elems) / new K([...]): a copy of a C array */                                      \
  static inline sts_##K sts_##K##_of(const E *elems, uint32_t n) {                              \
    sts_##K a = sts_##K##_new((int64_t)n, "");                                                  \
    if (n > 0) memcpy(a.data, elems, (size_t)n * (SZ));                                         \
    return a;                                                                                   \
  }                                                                                             \
                                                                                                \
  /* new K(buffer, byteOffset, length); length -1 = to the end of the buffer */                 \
  static inline sts_##K sts_##K##_view(sts_ArrayBuffer b, int64_t byteOffset, int64_t length,   \
                                       const char *loc) {                                       \
    sts_##K a;                                                                                  \
    int64_t byteLength;                                                                         \
    if (byteOffset < 0)                                                                         \
      sts__panic_num(loc, "RangeError: Start offset ", byteOffset,                              \
                     " is outside the bounds of the buffer");                                   \
    if (byteOffset % (SZ) != 0)                                                                 \
      sts_panic(loc, "RangeError: start offset of " #K " should be a multiple of " #SZ);        \
    if (length == -1) {                                                                         \
      if (b.length % (SZ) != 0)                                                                 \
        sts_panic(loc, "RangeError: byte length of " #K " should be a multiple of " #SZ);       \
      if (byteOffset > (int64_t)b.length)                                                       \
        sts__panic_num(loc, "RangeError: Start offset ", byteOffset,                            \
                       " is outside the bounds of the buffer");                                 \
      byteLength = (int64_t)b.length - byteOffset;                                              \
    } else {                                                                                    \
      if (length < 0 || length > (int64_t)0xFFFFFFFFu ||                                        \
          byteOffset + length * (SZ) > (int64_t)b.length)                                       \
        sts__panic_num(loc, "RangeError: Invalid typed array length: ", length, "");            \
      byteLength = length * (SZ);                                                               \
    }                                                                                           \
    a.data = (E *)(void *)(b.data + byteOffset);                                                \
    a.length = (uint32_t)(byteLength / (SZ));                                                   \
    return a;                                                                                   \
  }                                                                                             \
                                                                                                \
  /* a.subarray(begin, end): shares the data; pass a.length for an omitted end */               \
  STS_HOT_INLINE sts_##K sts_##K##_subarray(sts_##K a, int64_t begin, int64_t end) {             \
    uint32_t b0 = sts__rel_index(begin, a.length), e0 = sts__rel_index(end, a.length);          \
    sts_##K r;                                                                                  \
    r.data = a.data + b0;                                                                       \
    r.length = e0 > b0 ? e0 - b0 : 0;                                                           \
    return r;                                                                                   \
  }                                                                                             \
                                                                                                \
  /* a.slice(begin, end): a copy */                                                             \
  static inline sts_##K sts_##K##_slice(sts_##K a, int64_t begin, int64_t end) {                \
    uint32_t b0 = sts__rel_index(begin, a.length), e0 = sts__rel_index(end, a.length);          \
    uint32_t n = e0 > b0 ? e0 - b0 : 0;                                                         \
    return sts_##K##_of(a.data + b0, n);                                                        \
  }                                                                                             \
                                                                                                \
  /* a.fill(v, begin, end) */                                                                   \
  static inline void sts_##K##_fill(sts_##K a, E v, int64_t begin, int64_t end) {               \
    uint32_t i = sts__rel_index(begin, a.length), e0 = sts__rel_index(end, a.length);           \
    for (; i < e0; i++) a.data[i] = v;                                                          \
  }                                                                                             \
                                                                                                \
  /* dst.set(src, offset): overlapping views behave as if src were copied first */              \
  static inline void sts_##K##_set(sts_##K dst, sts_##K src, int64_t offset, const char *loc) { \
    if (offset < 0 || offset > (int64_t)dst.length ||                                           \
        (int64_t)src.length > (int64_t)dst.length - offset)                                     \
      sts_panic(loc, "RangeError: offset is out of bounds");                                    \
    if (src.length > 0) memmove(dst.data + offset, src.data, (size_t)src.length * (SZ));        \
  }                                                                                             \
                                                                                                \
  /* a.copyWithin(target, start, end) */                                                        \
  static inline void sts_##K##_copyWithin(sts_##K a, int64_t target, int64_t start,             \
                                          int64_t end) {                                        \
    uint32_t to = sts__rel_index(target, a.length), from = sts__rel_index(start, a.length);     \
    uint32_t fin = sts__rel_index(end, a.length), count;                                        \
    if (fin <= from || to >= a.length) return;                                                  \
    count = fin - from;                                                                         \
    if (count > a.length - to) count = a.length - to;                                           \
    memmove(a.data + to, a.data + from, (size_t)count * (SZ));                                  \
  }

STS__TYPED_ARRAY(Int8Array, int8_t, 1)
STS__TYPED_ARRAY(Uint8Array, uint8_t, 1)
STS__TYPED_ARRAY(Int16Array, int16_t, 2)
STS__TYPED_ARRAY(Uint16Array, uint16_t, 2)
STS__TYPED_ARRAY(Int32Array, int32_t, 4)
STS__TYPED_ARRAY(Uint32Array, uint32_t, 4)
STS__TYPED_ARRAY(Float32Array, float, 4)
STS__TYPED_ARRAY(Float64Array, double, 8)
STS__TYPED_ARRAY(BigInt64Array, int64_t, 8)
STS__TYPED_ARRAY(BigUint64Array, uint64_t, 8)

/* ---- DataView accessors ----
 * JS semantics: little-endian when le != 0, big-endian otherwise (the JS
 * default when the argument is omitted). Out-of-bounds offsets panic
 * "RangeError: Offset is outside the bounds of the DataView" in every build.
 * Byte-wise access: no unaligned loads or stores. */

STS_HOT_INLINE uint8_t *sts__dv_at(sts_DataView v, int64_t off, unsigned width, const char *loc) {
  if (off < 0 || off > (int64_t)v.length - (int64_t)width)
    sts_panic(loc, "RangeError: Offset is outside the bounds of the DataView");
  return v.data + off;
}

STS_HOT_INLINE uint64_t sts__dv_get(sts_DataView v, int64_t off, unsigned width, int le,
                                   const char *loc) {
  const uint8_t *p = sts__dv_at(v, off, width, loc);
  uint64_t x = 0;
  unsigned i;
  if (le) {
    /* the host is little-endian (asserted): one possibly unaligned load, which
     * memcpy gives on targets that allow it and byte loads on those that do not */
    switch (width) {
      case 2: { uint16_t y; memcpy(&y, p, 2); return y; }
      case 4: { uint32_t y; memcpy(&y, p, 4); return y; }
      case 8: memcpy(&x, p, 8); return x;
    }
    for (i = width; i-- > 0;) x = (x << 8) | p[i];
  } else {
    for (i = 0; i < width; i++) x = (x << 8) | p[i];
  }
  return x;
}

STS_HOT_INLINE void sts__dv_set(sts_DataView v, int64_t off, unsigned width, uint64_t x, int le,
                               const char *loc) {
  uint8_t *p = sts__dv_at(v, off, width, loc);
  unsigned i;
  if (le) {
    switch (width) {
      case 2: { uint16_t y = (uint16_t)x; memcpy(p, &y, 2); return; }
      case 4: { uint32_t y = (uint32_t)x; memcpy(p, &y, 4); return; }
      case 8: memcpy(p, &x, 8); return;
    }
    for (i = 0; i < width; i++, x >>= 8) p[i] = (uint8_t)x;
  } else {
    for (i = width; i-- > 0; x >>= 8) p[i] = (uint8_t)x;
  }
}

STS_HOT_INLINE uint8_t sts_dv_getUint8(sts_DataView v, int64_t off, const char *loc) {
  return (uint8_t)sts__dv_get(v, off, 1, 1, loc);
}
STS_HOT_INLINE int8_t sts_dv_getInt8(sts_DataView v, int64_t off, const char *loc) {
  uint32_t x = (uint32_t)sts__dv_get(v, off, 1, 1, loc);
  return (int8_t)(x < 0x80u ? (int)x : (int)x - 0x100);
}
STS_HOT_INLINE uint16_t sts_dv_getUint16(sts_DataView v, int64_t off, int le, const char *loc) {
  return (uint16_t)sts__dv_get(v, off, 2, le, loc);
}
STS_HOT_INLINE int16_t sts_dv_getInt16(sts_DataView v, int64_t off, int le, const char *loc) {
  uint32_t x = (uint32_t)sts__dv_get(v, off, 2, le, loc);
  return (int16_t)(x < 0x8000u ? (int32_t)x : (int32_t)x - 0x10000);
}
STS_HOT_INLINE uint32_t sts_dv_getUint32(sts_DataView v, int64_t off, int le, const char *loc) {
  return (uint32_t)sts__dv_get(v, off, 4, le, loc);
}
STS_HOT_INLINE int32_t sts_dv_getInt32(sts_DataView v, int64_t off, int le, const char *loc) {
  return sts__u32_as_i32((uint32_t)sts__dv_get(v, off, 4, le, loc));
}
STS_HOT_INLINE float sts_dv_getFloat32(sts_DataView v, int64_t off, int le, const char *loc) {
  return sts_f32_from_bits((uint32_t)sts__dv_get(v, off, 4, le, loc));
}
STS_HOT_INLINE double sts_dv_getFloat64(sts_DataView v, int64_t off, int le, const char *loc) {
  return sts_f64_from_bits(sts__dv_get(v, off, 8, le, loc));
}
STS_HOT_INLINE int64_t sts_dv_getBigInt64(sts_DataView v, int64_t off, int le, const char *loc) {
  return sts__u64_as_i64(sts__dv_get(v, off, 8, le, loc));
}
STS_HOT_INLINE uint64_t sts_dv_getBigUint64(sts_DataView v, int64_t off, int le, const char *loc) {
  return sts__dv_get(v, off, 8, le, loc);
}

STS_HOT_INLINE void sts_dv_setUint8(sts_DataView v, int64_t off, uint8_t x, const char *loc) {
  sts__dv_set(v, off, 1, x, 1, loc);
}
STS_HOT_INLINE void sts_dv_setInt8(sts_DataView v, int64_t off, int8_t x, const char *loc) {
  sts__dv_set(v, off, 1, (uint8_t)x, 1, loc);
}
STS_HOT_INLINE void sts_dv_setUint16(sts_DataView v, int64_t off, uint16_t x, int le, const char *loc) {
  sts__dv_set(v, off, 2, x, le, loc);
}
STS_HOT_INLINE void sts_dv_setInt16(sts_DataView v, int64_t off, int16_t x, int le, const char *loc) {
  sts__dv_set(v, off, 2, (uint16_t)x, le, loc);
}
STS_HOT_INLINE void sts_dv_setUint32(sts_DataView v, int64_t off, uint32_t x, int le, const char *loc) {
  sts__dv_set(v, off, 4, x, le, loc);
}
STS_HOT_INLINE void sts_dv_setInt32(sts_DataView v, int64_t off, int32_t x, int le, const char *loc) {
  sts__dv_set(v, off, 4, (uint32_t)x, le, loc);
}
STS_HOT_INLINE void sts_dv_setFloat32(sts_DataView v, int64_t off, float x, int le, const char *loc) {
  sts__dv_set(v, off, 4, sts_f32_bits(x), le, loc);
}
STS_HOT_INLINE void sts_dv_setFloat64(sts_DataView v, int64_t off, double x, int le, const char *loc) {
  sts__dv_set(v, off, 8, sts_f64_bits(x), le, loc);
}
STS_HOT_INLINE void sts_dv_setBigInt64(sts_DataView v, int64_t off, int64_t x, int le, const char *loc) {
  sts__dv_set(v, off, 8, (uint64_t)x, le, loc);
}
STS_HOT_INLINE void sts_dv_setBigUint64(sts_DataView v, int64_t off, uint64_t x, int le,
                                       const char *loc) {
  sts__dv_set(v, off, 8, x, le, loc);
}


/* utf8(s) (core/text.ts): a string's UTF-8 bytes as a new Uint8Array (strings
 * are UTF-8 already, so this is a copy) */
static inline sts_Uint8Array sts_str_utf8(sts_str s) {
  return sts_Uint8Array_of((const uint8_t *)s.p, s.n);
}
