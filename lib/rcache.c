/* rcache.c: a worker's memory of anonymous catalog answers, valid while the catalog version holds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "rcache.h"

struct rcache_slot {
	char			*key;
	char			*body;
	size_t			 len;
	unsigned long long	 version;
};

struct rcache {
	struct rcache_slot	*slots;
	size_t			 nslots;
	size_t			 max_body;
};

struct rcache *
rcache_new(size_t slots, size_t max_body)
{
	struct rcache	*c;

	if (slots == 0 || (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->slots = calloc(slots, sizeof(*c->slots))) == NULL) {
		free(c);
		return NULL;
	}
	c->nslots = slots;
	c->max_body = max_body;
	return c;
}

void
rcache_free(struct rcache *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nslots; i++) {
		free(c->slots[i].key);
		free(c->slots[i].body);
	}
	free(c->slots);
	free(c);
}

/* The slot of a key: FNV-1a, one slot per key (a newer key takes the slot over). */
static struct rcache_slot *
rcache_slot(struct rcache *c, const char *key)
{
	return &c->slots[hash_fnv1a(key, strlen(key)) % c->nslots];
}

const char *
rcache_get(struct rcache *c, const char *key, unsigned long long version, size_t *len)
{
	struct rcache_slot	*s;

	if (c == NULL)
		return NULL;
	s = rcache_slot(c, key);
	if (s->key == NULL || s->version != version || strcmp(s->key, key) != 0)
		return NULL;
	*len = s->len;
	return s->body;
}

void
rcache_put(struct rcache *c, const char *key, unsigned long long version, const char *body,
    size_t len)
{
	struct rcache_slot	*s;
	char			*k, *b;

	if (c == NULL || len > c->max_body)
		return;
	if ((k = strdup(key)) == NULL || (b = malloc(len + 1)) == NULL) {
		free(k);
		return;
	}
	memcpy(b, body, len);
	b[len] = '\0';
	s = rcache_slot(c, key);
	free(s->key);
	free(s->body);
	s->key = k;
	s->body = b;
	s->len = len;
	s->version = version;
}
