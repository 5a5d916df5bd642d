/* shcache.h: one memory of anonymous catalog answers for every worker of a host, in shared memory. */
#ifndef STREAMIFY_SHCACHE_H
#define STREAMIFY_SHCACHE_H

#include <stddef.h>

/*
 * Make the memory, bytes large, shared with the processes forked after this
 * call (the master calls it before forking its workers). 0 bytes, or no
 * call, leaves it off: shcache_get misses, shcache_put does nothing.
 * Returns 0, or -1 when mmap fails.
 */
int	shcache_init(size_t bytes);

/* Whether the memory is on. */
int	shcache_enabled(void);

/*
 * Copy the body kept for key under version into a new buffer (*body,
 * NUL-terminated after *len bytes; the caller frees it). Returns 1 on a
 * hit, 0 on a miss. Never blocks: an entry being written is a miss.
 */
int	shcache_get(const char *key, unsigned long long version, char **body, size_t *len);

/*
 * Keep body for key under version, in place of an empty, older or the
 * oldest entry of its set. A body too large for the largest slot, or a set
 * whose slots are all being written, is not kept. Never blocks; a writer
 * killed in the middle loses only that slot, which a later writer takes
 * back once the writer is gone.
 */
void	shcache_put(const char *key, unsigned long long version, const char *body, size_t len);

#endif
