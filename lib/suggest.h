/* suggest.h: completions while typing: titles, people and genres by prefix, with one typo allowed, most popular first (pure, no I/O). */
#ifndef STREAMIFY_SUGGEST_H
#define STREAMIFY_SUGGEST_H

#include <stddef.h>

#define SUGGEST_MAX		10	/* completions one lookup gives at most */
#define SUGGEST_KEY_MAX		128	/* bytes of one key, NUL included (longer ones are cut) */
#define SUGGEST_KEYS_MAX	2048	/* bytes of an entry's '|'-joined keys */

/* What a completion names. */
enum suggest_kind {
	SUGGEST_TITLE = 1,
	SUGGEST_PERSON = 2,
	SUGGEST_GENRE = 3,
};

/* One completion: a pointer into the index, valid while it lives. */
struct suggest_hit {
	enum suggest_kind	 kind;
	long long		 id;
	const char		*text;		/* as shown: the title, the name, the genre */
	double			 popularity;
	int			 tier;		/* 0 a key is the query, 1 starts with it, 2 with a typo */
};

struct suggest_index;

/*
 * The keys an entry is found by, normalised (lib/search.h) and '|'-joined
 * into out (SUGGEST_KEYS_MAX bytes), without repeats: a title's text, and
 * without a leading "the", "a" or "an"; a person's name, and their last
 * name alone; a genre's name. alternates ('|'-joined texts, may be NULL or
 * already normalised) add theirs: a title's other titles, a genre's other
 * spellings. Returns the length of out.
 */
size_t	suggest_keys(enum suggest_kind kind, const char *text, const char *alternates, char *out);

/* A new, empty index (NULL when out of memory); free with suggest_free. */
struct suggest_index *suggest_new(void);

/* Free an index; accepts NULL. */
void	suggest_free(struct suggest_index *ix);

/*
 * Add one entry before suggest_finish: what it is (kind, id), how popular,
 * the text shown, and the '|'-joined normalised keys it is found by
 * (suggest_keys). Returns 0, or -1 when out of memory (the index is then
 * unusable).
 */
int	suggest_add(struct suggest_index *ix, enum suggest_kind kind, long long id,
	    double popularity, const char *text, const char *keys);

/* Sort the keys and build the popularity tree: call once, after the last suggest_add. Returns 0 or -1. */
int	suggest_finish(struct suggest_index *ix);

/*
 * Up to max (at most SUGGEST_MAX) completions of query (raw UTF-8 text,
 * normalised here like a search) into out, best first: entries one of
 * whose keys is the query, then those with a key that starts with it, then,
 * when there is room left, those found with one typo (a letter missing, one
 * too many, one wrong, two neighbours swapped) in a word of the query of
 * five letters or more, as the search tolerates them; each tier most
 * popular first. An entry comes once. Returns the number of completions.
 */
size_t	suggest_lookup(const struct suggest_index *ix, const char *query, struct suggest_hit *out,
	    size_t max);

/* How many entries and keys the index holds, and roughly how many bytes. */
size_t	suggest_entries(const struct suggest_index *ix);
size_t	suggest_nkeys(const struct suggest_index *ix);
size_t	suggest_bytes(const struct suggest_index *ix);

#endif
