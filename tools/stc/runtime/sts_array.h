/* ---- sts_array.h: JS arrays of any element type, by reference ----
 *
 * An array is a pointer to { data, length, cap }; the header never moves,
 * the data moves when the array grows (doubling, via sts_realloc_copy in
 * the current arena; the old block is wasted until its arena is freed).
 *
 * Macros take the element type T; it must be a type name that can be
 * followed by `*` and `[1]` (use a typedef for function-pointer types).
 *   STS_ARRAY_AT(T, a, i, loc)  lvalue a[i]; index-checked unless NDEBUG
 *   STS_ARRAY_PUSH(T, a, v)     a.push(v): yields the new length (uint32_t)
 *   STS_ARRAY_POP(T, a, loc)    a.pop(): yields the removed last element
 * Each evaluates a, i and v once. PUSH evaluates v before it touches the
 * array, so `a.push(a.length)` and `a.push(a.pop())` work; but an lvalue
 * from STS_ARRAY_AT must not be assigned a value whose evaluation grows the
 * same array (the address is taken in unspecified order): evaluate such a
 * value into a temporary first.
 * POP on an empty array panics "pop from an empty array" in debug builds;
 * with NDEBUG it is undefined behaviour (JS would return undefined, which
 * has no C representation), so the compiler must not rely on it.
 */

typedef struct {
  void *data;
  uint32_t length;
  uint32_t cap;
} sts_array;

static inline sts_array *sts_array_new(uint32_t elem_size, uint32_t cap) {
  sts_array *a = (sts_array *)sts_alloc(sizeof(sts_array));
  uint64_t bytes = (uint64_t)elem_size * cap;
  if (bytes > (uint64_t)((size_t)-1 - 8u)) sts_panic("", "out of memory");
  a->data = sts_alloc((size_t)bytes);
  a->length = 0;
  a->cap = cap;
  return a;
}

/* Makes room for `need` elements. */
static inline void sts_array_reserve(sts_array *a, uint32_t elem_size, uint32_t need) {
  uint64_t ncap, bytes;
  if (need <= a->cap) return;
  ncap = a->cap < 4 ? 4 : (uint64_t)a->cap * 2;
  while (ncap < need) ncap *= 2;
  if (ncap > 0xFFFFFFFFu) ncap = 0xFFFFFFFFu;
  bytes = ncap * elem_size;
  if (bytes > (uint64_t)((size_t)-1 - 8u)) sts_panic("", "out of memory");
  a->data = sts_realloc_copy(a->data, (size_t)a->cap * elem_size, (size_t)bytes);
  a->cap = (uint32_t)ncap;
}

/* An array holding a copy of n elements (for array literals). */
static inline sts_array *sts_array_of(uint32_t elem_size, const void *elems, uint32_t n) {
  sts_array *a = sts_array_new(elem_size, n);
  if (n > 0) memcpy(a->data, elems, (size_t)n * elem_size);
  a->length = n;
  return a;
}

/* Appends the element at *elem; returns the new length. */
static inline uint32_t sts_array_push_copy(sts_array *a, const void *elem, uint32_t elem_size) {
  if (a->length == a->cap) {
    if (a->length == 0xFFFFFFFFu) sts_panic("", "RangeError: Invalid array length");
    sts_array_reserve(a, elem_size, a->length + 1);
  }
  memcpy((char *)a->data + (size_t)a->length * elem_size, elem, elem_size);
  return ++a->length;
}

/* Appends a zeroed element; returns its address (valid until the array grows). */
static inline void *sts_array_push_slot(sts_array *a, uint32_t elem_size) {
  if (a->length == a->cap) {
    if (a->length == 0xFFFFFFFFu) sts_panic("", "RangeError: Invalid array length");
    sts_array_reserve(a, elem_size, a->length + 1);
  }
  return (char *)a->data + (size_t)a->length++ * elem_size;
}

/* Removes the last element; returns its (still readable) address. */
static inline void *sts_array_pop_slot(sts_array *a, uint32_t elem_size, const char *loc) {
#ifndef NDEBUG
  if (STS_UNLIKELY(a->length == 0)) sts_panic(loc, "pop from an empty array");
#else
  (void)loc;
#endif
  return (char *)a->data + (size_t)--a->length * elem_size;
}

static inline void *sts_array_elem(sts_array *a, int64_t i, uint32_t elem_size, const char *loc) {
#ifndef NDEBUG
  uint32_t k = sts_idx(i, a->length, loc);
#else
  uint32_t k = (uint32_t)i;
  (void)loc;
#endif
  return (char *)a->data + (size_t)k * elem_size;
}

#define STS_ARRAY_AT(T, a, i, loc) (*(T *)sts_array_elem((a), (int64_t)(i), (uint32_t)sizeof(T), (loc)))
#define STS_ARRAY_PUSH(T, a, v) sts_array_push_copy((a), (const void *)(T[1]){(v)}, (uint32_t)sizeof(T))
#define STS_ARRAY_POP(T, a, loc) (*(T *)sts_array_pop_slot((a), (uint32_t)sizeof(T), (loc)))

