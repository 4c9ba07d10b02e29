// Counts heap allocations for `jiazhou bench` and the tests that hold the
// allocations of an award or an account read under a ceiling: a count that,
// unlike a time, does not drift with the machine's load.
//
// The executable that links this target defines malloc, calloc and realloc,
// and the dynamic linker binds every library's calls to them (an executable's
// definitions come first); each forwards to glibc's own entry points
// (__libc_malloc …), so the allocator is glibc's unchanged. Counting costs one
// relaxed atomic load per call when off. free and the aligned allocators are
// not wrapped: they reach glibc directly and stay consistent with it.
#include "allocation_counter.h"

#include <stdatomic.h>
#include <stddef.h>

#if defined(__linux__) && defined(__GLIBC__)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

static atomic_int counting = 0;
static atomic_uint_fast64_t allocations = 0;
static _Thread_local int counting_this_thread = 0;
static _Thread_local uint64_t this_thread_allocations = 0;

static inline void count_one(void) {
    if (atomic_load_explicit(&counting, memory_order_relaxed)) {
        atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    }
    if (counting_this_thread) this_thread_allocations += 1;
}

void *malloc(size_t size) {
    count_one();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_one();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    count_one();
    return __libc_realloc(pointer, size);
}

void jiazhou_allocations_start(void) {
    atomic_store(&allocations, 0);
    atomic_store(&counting, 1);
}

uint64_t jiazhou_allocations_stop(void) {
    atomic_store(&counting, 0);
    return atomic_load(&allocations);
}

void jiazhou_thread_allocations_start(void) {
    this_thread_allocations = 0;
    counting_this_thread = 1;
}

uint64_t jiazhou_thread_allocations_stop(void) {
    counting_this_thread = 0;
    return this_thread_allocations;
}

int jiazhou_allocations_available(void) { return 1; }

#else

void jiazhou_allocations_start(void) {}
uint64_t jiazhou_allocations_stop(void) { return 0; }
void jiazhou_thread_allocations_start(void) {}
uint64_t jiazhou_thread_allocations_stop(void) { return 0; }
int jiazhou_allocations_available(void) { return 0; }

#endif
