/* ---- sts_arena.h: growable arenas ----
 *
 * There is NO garbage collector. Every object, array, typed array and
 * runtime-made string comes from the current arena, and its memory returns
 * to the system only when that whole arena is freed (sts_arena_free).
 * Growing an array copies it and wastes the old copy until then (unless it
 * was the last allocation, which grows in place). A program that allocates
 * in a loop should give the loop its own arena, or its memory keeps growing.
 *
 * An arena is a chain of chunks from malloc (or sts_port_malloc with
 * STS_PORT_ALLOC). The default arena needs no setup: it takes its first
 * chunk on the first allocation. Chunk sizes double from the initial size
 * up to STS_ARENA_MAX_CHUNK; an allocation larger than that gets a chunk of
 * its own size. If a doubled chunk cannot be had, the runtime retries with
 * just the size needed before it panics "out of memory".
 *
 * Freeing an arena makes every pointer into it dangle; the runtime does not
 * check this.
 */

#ifndef STS_DEFAULT_ARENA_CHUNK
#define STS_DEFAULT_ARENA_CHUNK 4096u
#endif
#ifndef STS_ARENA_MAX_CHUNK
#define STS_ARENA_MAX_CHUNK (1024u * 1024u)
#endif

#ifdef STS_PORT_ALLOC
void *sts_port_malloc(size_t n);
void sts_port_free(void *p);
#define STS__MALLOC(n) sts_port_malloc(n)
#define STS__FREE(p) sts_port_free(p)
#else
#define STS__MALLOC(n) malloc(n)
#define STS__FREE(p) free(p)
#endif

typedef struct sts__chunk {
  struct sts__chunk *next;
  size_t cap;  /* usable bytes after the header */
  size_t used; /* bytes handed out */
} sts__chunk;

/* chunk header rounded up to 8 so that the data stays 8-byte aligned
 * (malloc results are at least 8-byte aligned on every supported target) */
#define STS__CHUNK_HDR ((sizeof(sts__chunk) + 7u) & ~(size_t)7u)

struct sts_arena {
  sts__chunk *head;  /* the chunk allocations come from */
  size_t used;       /* bytes handed out (rounded to 8) */
  size_t next_chunk; /* size of the next chunk */
};
typedef struct sts_arena sts_arena;

static sts_arena sts__default_arena = {NULL, 0, 0};
static sts_arena *sts__current_arena = NULL; /* NULL: the default arena */

static inline sts_arena *sts__arena_cur(void) {
  return sts__current_arena != NULL ? sts__current_arena : &sts__default_arena;
}

static inline char *sts__chunk_data(sts__chunk *c) { return (char *)c + STS__CHUNK_HDR; }

/* Adds a chunk able to hold n bytes (n is a multiple of 8). */
static inline sts__chunk *sts__arena_grow(sts_arena *a, size_t n) {
  size_t want = a->next_chunk != 0 ? a->next_chunk : STS_DEFAULT_ARENA_CHUNK;
  size_t cap = want > n ? want : n;
  sts__chunk *c = NULL;
  if (cap <= (size_t)-1 - STS__CHUNK_HDR) c = (sts__chunk *)STS__MALLOC(STS__CHUNK_HDR + cap);
  if (c == NULL && cap > n) {
    cap = n;
    c = (sts__chunk *)STS__MALLOC(STS__CHUNK_HDR + cap);
  }
  if (c == NULL) sts_panic("", "out of memory");
  c->cap = cap;
  c->used = 0;
  if (n > want && a->head != NULL && a->head->cap - a->head->used >= 64) {
    /* a dedicated chunk for one large allocation: keep the current chunk's
     * free space for later small ones */
    c->next = a->head->next;
    a->head->next = c;
  } else {
    c->next = a->head;
    a->head = c;
    if (want < STS_ARENA_MAX_CHUNK) a->next_chunk = want * 2;
  }
  return c;
}

/* Zeroed, 8-byte-aligned memory from the current arena. */
static inline void *sts_alloc(size_t bytes) {
  sts_arena *a = sts__arena_cur();
  size_t n = (bytes + 7u) & ~(size_t)7u;
  sts__chunk *c = a->head;
  char *p;
  if (n < bytes) sts_panic("", "out of memory");
  if (c == NULL || c->cap - c->used < n) c = sts__arena_grow(a, n);
  p = sts__chunk_data(c) + c->used;
  c->used += n;
  a->used += n;
  if (n > 0) memset(p, 0, n);
  return p;
}

/* A copy of old (old_bytes) in a block of new_bytes; the rest is zeroed. The
 * old block is not reused (it stays valid until its arena is freed), except
 * that the most recent allocation of the current arena grows in place. */
static inline void *sts_realloc_copy(void *old, size_t old_bytes, size_t new_bytes) {
  sts_arena *a = sts__arena_cur();
  sts__chunk *c = a->head;
  size_t on = (old_bytes + 7u) & ~(size_t)7u, nn = (new_bytes + 7u) & ~(size_t)7u;
  void *p;
  if (new_bytes <= old_bytes) return old;
  if (nn < new_bytes) sts_panic("", "out of memory");
  if (old != NULL && c != NULL && (char *)old + on == sts__chunk_data(c) + c->used &&
      c->cap - c->used >= nn - on) {
    c->used += nn - on;
    a->used += nn - on;
    memset((char *)old + old_bytes, 0, nn - old_bytes);
    return old;
  }
  p = sts_alloc(new_bytes);
  if (old_bytes > 0) memcpy(p, old, old_bytes);
  return p;
}

/* A new arena whose first chunk holds initial_bytes (0: the default size). */
static inline sts_arena *sts_arena_create(uint32_t initial_bytes) {
  sts_arena *a = (sts_arena *)STS__MALLOC(sizeof(sts_arena));
  if (a == NULL) sts_panic("", "out of memory");
  a->head = NULL;
  a->used = 0;
  a->next_chunk = initial_bytes != 0 ? (((size_t)initial_bytes + 7u) & ~(size_t)7u) : STS_DEFAULT_ARENA_CHUNK;
  if (initial_bytes != 0) sts__arena_grow(a, a->next_chunk);
  return a;
}

/* Makes a the current arena (NULL: the default one); returns the previous
 * current arena (NULL if it was the default), for restoring it later. */
static inline sts_arena *sts_arena_use(sts_arena *a) {
  sts_arena *prev = sts__current_arena;
  sts__current_arena = (a == &sts__default_arena) ? NULL : a;
  return prev;
}

static inline void sts__arena_release(sts_arena *a) {
  sts__chunk *c, *next;
  for (c = a->head; c != NULL; c = next) {
    next = c->next;
    STS__FREE(c);
  }
  a->head = NULL;
  a->used = 0;
}

/* Frees every chunk of a, and the arena itself (the handle is dead after
 * this); NULL means the default arena, which stays usable and starts empty
 * again. Freeing the current arena makes the default current. */
static inline void sts_arena_free(sts_arena *a) {
  if (a == NULL || a == &sts__default_arena) {
    sts__arena_release(&sts__default_arena);
    sts__default_arena.next_chunk = 0;
    return;
  }
  sts__arena_release(a);
  if (sts__current_arena == a) sts__current_arena = NULL;
  STS__FREE(a);
}

/* Bytes handed out by a (NULL: the default arena), rounded up to 8 each. */
static inline size_t sts_arena_used(sts_arena *a) {
  return a != NULL ? a->used : sts__default_arena.used;
}

