/* rcache.h: a worker's memory of anonymous catalog answers, valid while the catalog version holds. */
#ifndef STREAMIFY_RCACHE_H
#define STREAMIFY_RCACHE_H

#include <stddef.h>

struct rcache;

/*
 * Make a cache of at most slots answers, each at most max_body bytes.
 * Returns NULL when slots is 0 (caching off) or out of memory; every other
 * function accepts NULL and then caches nothing.
 */
struct rcache	*rcache_new(size_t slots, size_t max_body);

/* Free the cache; accepts NULL. */
void		 rcache_free(struct rcache *c);

/*
 * The body kept for key when it was stored under version, or NULL. The
 * pointer stays valid until the next rcache_put.
 */
const char	*rcache_get(struct rcache *c, const char *key, unsigned long long version,
		    size_t *len);

/* Keep a copy of body for key under version, replacing what the slot held. */
void		 rcache_put(struct rcache *c, const char *key, unsigned long long version,
		    const char *body, size_t len);

#endif
