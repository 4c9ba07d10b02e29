#ifndef JIAZHOU_ALLOCATION_COUNTER_H
#define JIAZHOU_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Starts counting calls to malloc, calloc and realloc in this process (all
/// threads), from zero.
void jiazhou_allocations_start(void);

/// Stops counting and returns how many allocations were made since the start.
uint64_t jiazhou_allocations_stop(void);

/// Starts counting the allocations of the calling thread only, from zero:
/// for tests, which run beside other tests in one process.
void jiazhou_thread_allocations_start(void);

/// Stops counting this thread's allocations and returns their number.
uint64_t jiazhou_thread_allocations_stop(void);

/// Whether this process's allocations go through the counter (they do unless
/// the platform's C library offers no way to forward them).
int jiazhou_allocations_available(void);

#endif
