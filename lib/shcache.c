/* shcache.c: one memory of anonymous catalog answers for every worker of a host, in shared memory. */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "hex.h"
#include "shcache.h"

/*
 * The memory is four classes of fixed-size slots (most answers are a
 * movie's detail, 4 to 10 KB; pages of lists are larger; a few are large),
 * each a set-associative table: a key's hash picks one set of WAYS slots
 * in every class, and the entry lives in the smallest class it fits.
 *
 * A lookup reads first the set's tags, one cache line of the slots' hashes
 * kept apart from the slots, and touches only a slot whose tag matches: so
 * a miss costs a few cache lines, not a page of every slot of the set in
 * every class, and only written slots and the tags ever become resident.
 * A tag is a hint: the slot itself is checked as before.
 *
 * Each slot is guarded by a sequence number (a seqlock): even when stable,
 * odd while a writer fills it. A writer takes a slot by moving its number
 * from even to odd with one compare-and-swap, writes, and makes it even
 * again; a reader copies an entry out and keeps the copy only when the
 * number was even and unchanged across the copy. So nobody ever waits:
 * readers skip a slot being written, writers skip a slot taken. A writer
 * killed while it writes leaves its slot odd; another writer takes it back
 * when the killer's pid is gone and the write began over a second ago.
 */
#define WAYS		8
#define NCLASSES	4
#define STALE_US	1000000LL	/* a write older than this, by a dead pid, is abandoned */

struct slot {
	_Atomic uint32_t	 seq;
	uint32_t		 keylen;
	uint32_t		 len;		/* body bytes */
	int32_t			 owner;		/* pid writing, while seq is odd */
	uint64_t		 hash;		/* 0: empty */
	uint64_t		 version;
	uint64_t		 stamp;		/* when it was written, in insertions */
	int64_t			 started_us;	/* when the write began */
	char			 data[];	/* the key, then the body */
};

struct klass {
	size_t			 size;		/* bytes per slot, header included */
	size_t			 nsets;
	char			*base;
	_Atomic uint64_t	*tags;		/* per slot, the hash it was last written with */
};

struct header {
	_Atomic uint64_t	 stamp;
};

static struct header	*head;		/* NULL: off */
static struct klass	 classes[NCLASSES];

/*
 * Slot sizes, and the share of the memory each class gets (percent): a
 * detail without cast (MovieLens, 4.5 KB) fits the first, one with cast
 * and long descriptions (8-10 KB) the second; before the second class
 * those took 24 KiB slots, so a memory held a third as many of them.
 */
static const size_t	 sizes[NCLASSES] = { 6 * 1024, 12 * 1024, 24 * 1024, 256 * 1024 };
static const size_t	 shares[NCLASSES] = { 50, 30, 10, 10 };

/* The key's hash, never 0 (0 marks an empty slot). */
static uint64_t
key_hash(const char *key, size_t n)
{
	uint64_t	 h = hash_fnv1a(key, n);

	return h != 0 ? h : 1;
}

static struct slot *
slot_at(const struct klass *k, size_t set, size_t way)
{
	return (struct slot *)(k->base + (set * WAYS + way) * k->size);
}

int
shcache_init(size_t bytes)
{
	size_t	 off = sizeof(struct header), i, nslots;
	char	*p;

	if (head != NULL || bytes == 0)
		return 0;
	off = (off + 63) & ~(size_t)63;
	for (i = 0; i < NCLASSES; i++) {
		nslots = bytes / 100 * shares[i] / sizes[i];
		classes[i].nsets = nslots / WAYS > 0 ? nslots / WAYS : 1;
		classes[i].size = sizes[i];
	}
	for (i = 0; i < NCLASSES; i++)
		off += classes[i].nsets * WAYS * (sizeof(uint64_t) + classes[i].size);
	p = mmap(NULL, off, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	head = (struct header *)p;
	off = (sizeof(struct header) + 63) & ~(size_t)63;
	for (i = 0; i < NCLASSES; i++) {
		classes[i].tags = (_Atomic uint64_t *)(void *)(p + off);
		off += classes[i].nsets * WAYS * sizeof(uint64_t);
	}
	for (i = 0; i < NCLASSES; i++) {
		classes[i].base = p + off;
		off += classes[i].nsets * WAYS * classes[i].size;
	}
	return 0;
}

int
shcache_enabled(void)
{
	return head != NULL;
}

int
shcache_get(const char *key, unsigned long long version, char **body, size_t *len)
{
	size_t		 klen = strlen(key), c, w, n;
	uint64_t	 h = key_hash(key, klen);
	uint32_t	 seq;
	struct slot	*s;
	char		*buf;
	int		 same;

	*body = NULL;
	*len = 0;
	if (head == NULL)
		return 0;
	for (c = 0; c < NCLASSES; c++) {
		const struct klass	*k = &classes[c];
		size_t			 payload = k->size - sizeof(struct slot), set = h % k->nsets;

		for (w = 0; w < WAYS; w++) {
			if (atomic_load_explicit(&k->tags[set * WAYS + w], memory_order_relaxed) != h)
				continue;
			s = slot_at(k, set, w);
			seq = atomic_load_explicit(&s->seq, memory_order_acquire);
			if ((seq & 1) || s->hash != h || s->version != version ||
			    s->keylen != klen)
				continue;
			n = s->len;
			if (n > payload - klen || (buf = malloc(n + 1)) == NULL)
				continue;
			same = memcmp(s->data, key, klen) == 0;
			memcpy(buf, s->data + klen, n);
			atomic_thread_fence(memory_order_acquire);
			if (!same || atomic_load_explicit(&s->seq, memory_order_relaxed) != seq) {
				free(buf);
				continue;
			}
			buf[n] = '\0';
			*body = buf;
			*len = n;
			return 1;
		}
	}
	return 0;
}

/* Whether the write that holds s (seq odd) was left by a writer that is gone. */
static int
abandoned(const struct slot *s)
{
	int32_t	 pid = s->owner;

	return clock_us() - s->started_us > STALE_US &&
	    (pid <= 0 || (kill(pid, 0) == -1 && errno == ESRCH));
}

void
shcache_put(const char *key, unsigned long long version, const char *body, size_t len)
{
	size_t		 klen = strlen(key), c, w, set, best_w = 0;
	uint64_t	 h = key_hash(key, klen), best_stamp = UINT64_MAX;
	struct slot	*s, *best = NULL;
	const struct klass *k = NULL;
	uint32_t	 seq, want;

	if (head == NULL)
		return;
	for (c = 0; c < NCLASSES; c++)
		if (sizeof(struct slot) + klen + len <= classes[c].size) {
			k = &classes[c];
			break;
		}
	if (k == NULL)
		return;
	set = h % k->nsets;
	/* The slot of the same key, else an empty or outdated one, else the oldest. */
	for (w = 0; w < WAYS; w++) {
		s = slot_at(k, set, w);
		seq = atomic_load_explicit(&s->seq, memory_order_acquire);
		if ((seq & 1) && !abandoned(s))
			continue;
		if (s->hash == h || s->hash == 0) {
			best = s;
			best_w = w;
			break;
		}
		if (s->stamp < best_stamp) {
			best_stamp = s->stamp;
			best = s;
			best_w = w;
		}
	}
	if (best == NULL)
		return;
	s = best;
	seq = atomic_load_explicit(&s->seq, memory_order_acquire);
	/* Even: take it to odd. Odd and abandoned: keep it odd, ours now. */
	want = (seq & 1) ? seq + 2 : seq + 1;
	if ((seq & 1) && !abandoned(s))
		return;
	if (!atomic_compare_exchange_strong_explicit(&s->seq, &seq, want, memory_order_acq_rel,
	    memory_order_relaxed))
		return;
	s->owner = (int32_t)getpid();
	s->started_us = clock_us();
	s->hash = h;
	s->version = version;
	s->keylen = (uint32_t)klen;
	s->len = (uint32_t)len;
	s->stamp = atomic_fetch_add_explicit(&head->stamp, 1, memory_order_relaxed) + 1;
	memcpy(s->data, key, klen);
	memcpy(s->data + klen, body, len);
	atomic_store_explicit(&s->seq, want + 1, memory_order_release);
	atomic_store_explicit(&k->tags[set * WAYS + best_w], h, memory_order_release);
}
