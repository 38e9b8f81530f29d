#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// A bump arena for one Markdown document, given to cmark as its allocator (`cmark_parser_new_with_mem`).
//
// cmark allocates every node, every text and every growing buffer with calloc and realloc, and frees them one by
// one: about 600 calls per narrative, a third of cmark's time. Within the arena an allocation is a pointer bump,
// `free` does nothing, and the whole document (its tree, iterators, URLs set on it, the rendered HTML) goes at
// once when the arena ends. `Markdown.render` is the one user: it begins an arena, parses, walks and renders, copies
// the HTML out, and ends the arena; it never calls `cmark_node_free` (the arena frees the tree).
//
// cmark's allocator functions get no context pointer, so the arena being filled is per thread (documents are
// rendered on several threads at once). `collective_arena_begin` saves the thread's current arena and starts an
// empty one; `collective_arena_end` frees it and restores the saved one, so a document rendered while another is
// open on the same thread (none is today) would still be correct.
//
// Static inline in this header because CCmark is a system-library module (a module map over libcmark-dev), which
// has no C files of its own; the Swift module that calls these functions compiles them.

typedef struct collective_arena_chunk {
    struct collective_arena_chunk *previous;
    size_t capacity;
    size_t used;
    size_t padding;   // keeps `bytes` 16-byte aligned, as malloc's blocks are
    unsigned char bytes[];
} collective_arena_chunk;

// Each block starts with its size (for realloc's copy), in 16 bytes so the block after it stays aligned.
enum { collective_arena_header = 16, collective_arena_first_chunk = 64 * 1024 };

static inline collective_arena_chunk **collective_arena_current(void) {
    static _Thread_local collective_arena_chunk *current = NULL;
    return &current;
}

static inline size_t collective_arena_rounded(size_t size) {
    if (size > SIZE_MAX - 2 * collective_arena_header) abort();
    return (size + 15) & ~(size_t)15;
}

static inline void *collective_arena_allocate(size_t size) {
    size_t need = collective_arena_header + collective_arena_rounded(size);
    collective_arena_chunk **current = collective_arena_current();
    collective_arena_chunk *chunk = *current;
    if (chunk == NULL || chunk->capacity - chunk->used < need) {
        // Each new chunk doubles the last, so a long document needs few; one block larger than that gets its own.
        size_t capacity = chunk == NULL ? collective_arena_first_chunk : 2 * chunk->capacity;
        if (capacity < need) capacity = need;
        collective_arena_chunk *fresh = malloc(sizeof(collective_arena_chunk) + capacity);
        if (fresh == NULL) abort();   // as cmark's own allocator does
        fresh->previous = chunk;
        fresh->capacity = capacity;
        fresh->used = 0;
        *current = chunk = fresh;
    }
    unsigned char *block = chunk->bytes + chunk->used;
    *(size_t *)block = size;
    chunk->used += need;
    return block + collective_arena_header;
}

static inline void *collective_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) abort();
    void *memory = collective_arena_allocate(count * size);
    memset(memory, 0, count * size);
    return memory;
}

static inline void *collective_arena_realloc(void *memory, size_t size) {
    if (memory == NULL) return collective_arena_allocate(size);
    unsigned char *block = (unsigned char *)memory - collective_arena_header;
    size_t old = *(size_t *)block;
    if (size <= old) {
        *(size_t *)block = size;
        return memory;
    }
    // The last block of the current chunk (a buffer being appended to, usually) grows where it is.
    collective_arena_chunk *chunk = *collective_arena_current();
    size_t growth = collective_arena_rounded(size) - collective_arena_rounded(old);
    if (chunk != NULL && block >= chunk->bytes && block < chunk->bytes + chunk->used
        && (size_t)(block - chunk->bytes) + collective_arena_header + collective_arena_rounded(old) == chunk->used
        && chunk->capacity - chunk->used >= growth) {
        chunk->used += growth;
        *(size_t *)block = size;
        return memory;
    }
    void *moved = collective_arena_allocate(size);
    memcpy(moved, memory, old);
    return moved;
}

static inline void collective_arena_free(void *memory) { (void)memory; }

static inline cmark_mem *collective_arena_mem(void) {
    static cmark_mem mem = {collective_arena_calloc, collective_arena_realloc, collective_arena_free};
    return &mem;
}

/// Starts an empty arena on this thread; returns the one it replaces, for `collective_arena_end`.
static inline void *collective_arena_begin(void) {
    collective_arena_chunk **current = collective_arena_current();
    collective_arena_chunk *saved = *current;
    *current = NULL;
    return saved;
}

/// Frees everything allocated since `collective_arena_begin` (which returned `saved`), and restores `saved`.
static inline void collective_arena_end(void *saved) {
    collective_arena_chunk **current = collective_arena_current();
    collective_arena_chunk *chunk = *current;
    while (chunk != NULL) {
        collective_arena_chunk *previous = chunk->previous;
        free(chunk);
        chunk = previous;
    }
    *current = saved;
}
