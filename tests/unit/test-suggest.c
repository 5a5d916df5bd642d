/* test-suggest.c: completions: keys of titles, people and genres; prefix, exact and typo tiers; popularity; bounds. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "suggest.h"

/* Add an entry with the keys suggest_keys makes. */
static void
add(struct suggest_index *ix, enum suggest_kind kind, long long id, double pop, const char *text,
    const char *alternates)
{
	char	 keys[SUGGEST_KEYS_MAX];

	suggest_keys(kind, text, alternates, keys);
	ck_assert_int_eq(suggest_add(ix, kind, id, pop, text, keys), 0);
}

/* A small catalog. */
static struct suggest_index *
catalog(void)
{
	struct suggest_index	*ix = suggest_new();

	ck_assert_ptr_nonnull(ix);
	add(ix, SUGGEST_TITLE, 1, 90, "The Godfather", NULL);
	add(ix, SUGGEST_TITLE, 2, 60, "The Godfather: Part II", NULL);
	add(ix, SUGGEST_TITLE, 3, 70, "Star Wars", NULL);
	add(ix, SUGGEST_TITLE, 4, 20, "Stardust", NULL);
	add(ix, SUGGEST_TITLE, 5, 40, "Jurassic Park", NULL);
	add(ix, SUGGEST_TITLE, 6, 30, "L\xc3\xa9on: The Professional", "leon|the professional");
	add(ix, SUGGEST_TITLE, 7, 50, "Heat", NULL);
	add(ix, SUGGEST_TITLE, 8, 80, "Heathers", NULL);
	add(ix, SUGGEST_PERSON, 100, 85, "Tom Hanks", NULL);
	add(ix, SUGGEST_PERSON, 101, 10, "Tom Hardy", NULL);
	add(ix, SUGGEST_PERSON, 102, 65, "Harrison Ford", NULL);
	add(ix, SUGGEST_GENRE, 15, 95, "Sci-Fi", "Science Fiction");
	add(ix, SUGGEST_GENRE, 5, 88, "Comedy", NULL);
	ck_assert_int_eq(suggest_finish(ix), 0);
	return ix;
}

START_TEST(key_sets)
{
	char	 k[SUGGEST_KEYS_MAX];

	suggest_keys(SUGGEST_TITLE, "The Godfather: Part II", NULL, k);
	ck_assert_str_eq(k, "the godfather part ii|godfather part ii");
	suggest_keys(SUGGEST_TITLE, "An American Tail", "an american tail", k);
	ck_assert_str_eq(k, "an american tail|american tail");
	suggest_keys(SUGGEST_PERSON, "Tom Hanks", NULL, k);
	ck_assert_str_eq(k, "tom hanks|hanks");
	suggest_keys(SUGGEST_PERSON, "Madonna", NULL, k);
	ck_assert_str_eq(k, "madonna");
	suggest_keys(SUGGEST_GENRE, "Sci-Fi", "Science Fiction|sci fi", k);
	ck_assert_str_eq(k, "sci fi|science fiction");
	suggest_keys(SUGGEST_TITLE, "L\xc3\xa9on", NULL, k);
	ck_assert_str_eq(k, "leon");
	suggest_keys(SUGGEST_TITLE, "!!!", NULL, k);
	ck_assert_str_eq(k, "");
}
END_TEST

START_TEST(prefixes_by_popularity)
{
	struct suggest_index	*ix = catalog();
	struct suggest_hit	 h[SUGGEST_MAX];
	size_t			 n;

	n = suggest_lookup(ix, "god", h, 10);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(h[0].id, 1);		/* "godfather" without the article */
	ck_assert_int_eq(h[1].id, 2);
	ck_assert_int_eq(h[0].tier, 1);
	ck_assert_str_eq(h[0].text, "The Godfather");
	ck_assert_int_eq(h[0].kind, SUGGEST_TITLE);

	n = suggest_lookup(ix, "Star", h, 10);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(h[0].id, 3);
	ck_assert_int_eq(h[1].id, 4);

	/* Across kinds, most popular first. */
	n = suggest_lookup(ix, "h", h, 10);
	ck_assert_uint_ge(n, 5);
	ck_assert_int_eq(h[0].id, 100);		/* Tom Hanks, by his last name, 85 */
	ck_assert_int_eq(h[0].kind, SUGGEST_PERSON);
	ck_assert_int_eq(h[1].id, 8);		/* Heathers 80 */
	ck_assert_int_eq(h[2].id, 102);		/* Harrison Ford 65 */

	n = suggest_lookup(ix, "sci", h, 10);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(h[0].kind, SUGGEST_GENRE);
	ck_assert_str_eq(h[0].text, "Sci-Fi");
	n = suggest_lookup(ix, "science f", h, 10);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(h[0].id, 15);

	/* The limit holds, and keeps the best. */
	n = suggest_lookup(ix, "h", h, 2);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(h[0].id, 100);
	ck_assert_int_eq(h[1].id, 8);
	suggest_free(ix);
}
END_TEST

START_TEST(exact_first)
{
	struct suggest_index	*ix = catalog();
	struct suggest_hit	 h[SUGGEST_MAX];
	size_t			 n;

	n = suggest_lookup(ix, "heat", h, 10);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(h[0].id, 7);		/* Heat is the query, though Heathers is more popular */
	ck_assert_int_eq(h[0].tier, 0);
	ck_assert_int_eq(h[1].id, 8);
	ck_assert_int_eq(h[1].tier, 1);
	n = suggest_lookup(ix, "L\xc3\x89ON", h, 10);	/* case and accents folded */
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(h[0].id, 6);
	n = suggest_lookup(ix, "the prof", h, 10);	/* an alternate title */
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(h[0].id, 6);
	suggest_free(ix);
}
END_TEST

START_TEST(typos)
{
	struct suggest_index	*ix = catalog();
	struct suggest_hit	 h[SUGGEST_MAX];
	size_t			 n;

	n = suggest_lookup(ix, "godfater", h, 10);	/* a letter missing */
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(h[0].id, 1);
	ck_assert_int_eq(h[0].tier, 2);
	n = suggest_lookup(ix, "jurasic p", h, 10);	/* in a word before the last */
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(h[0].id, 5);
	n = suggest_lookup(ix, "jurrassic", h, 10);	/* one too many */
	ck_assert_uint_eq(n, 1);
	n = suggest_lookup(ix, "jruassic", h, 10);	/* neighbours swapped */
	ck_assert_uint_eq(n, 1);
	n = suggest_lookup(ix, "jarassic", h, 10);	/* one wrong */
	ck_assert_uint_eq(n, 1);
	n = suggest_lookup(ix, "hanx", h, 10);		/* under five letters: no typo allowed */
	ck_assert_uint_eq(n, 0);
	n = suggest_lookup(ix, "jxrxssic", h, 10);	/* two typos: nothing */
	ck_assert_uint_eq(n, 0);
	/* Exact and prefix matches rank above typo ones. */
	n = suggest_lookup(ix, "stard", h, 10);
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(h[0].id, 4);
	ck_assert_int_eq(h[0].tier, 1);
	suggest_free(ix);
}
END_TEST

START_TEST(empty_and_odd)
{
	struct suggest_index	*ix = catalog(), *none = suggest_new();
	struct suggest_hit	 h[SUGGEST_MAX];
	char			 long_q[400];

	ck_assert_uint_eq(suggest_lookup(ix, "", h, 10), 0);
	ck_assert_uint_eq(suggest_lookup(ix, "  --  ", h, 10), 0);
	ck_assert_uint_eq(suggest_lookup(ix, NULL, h, 10), 0);
	ck_assert_uint_eq(suggest_lookup(ix, "zzzz", h, 10), 0);
	ck_assert_uint_eq(suggest_lookup(NULL, "god", h, 10), 0);
	ck_assert_uint_eq(suggest_lookup(none, "god", h, 10), 0);	/* not finished */
	ck_assert_int_eq(suggest_finish(none), 0);
	ck_assert_uint_eq(suggest_lookup(none, "god", h, 10), 0);	/* finished, empty */
	memset(long_q, 'a', sizeof(long_q) - 1);
	long_q[sizeof(long_q) - 1] = '\0';
	ck_assert_uint_eq(suggest_lookup(ix, long_q, h, 10), 0);
	ck_assert_uint_eq(suggest_lookup(ix, "god", h, 50), 2);		/* max is bounded */
	ck_assert_uint_eq(suggest_entries(ix), 13);
	ck_assert_uint_ge(suggest_nkeys(ix), 20);
	ck_assert_uint_gt(suggest_bytes(ix), 0);
	suggest_free(ix);
	suggest_free(none);
	suggest_free(NULL);
}
END_TEST

/* One entry with many keys under one prefix, and many entries: every entry comes once, the best ones. */
START_TEST(many)
{
	struct suggest_index	*ix = suggest_new();
	struct suggest_hit	 h[SUGGEST_MAX];
	char			 text[64], keys[SUGGEST_KEYS_MAX];
	size_t			 n, i;
	int			 id;

	for (id = 1; id <= 5000; id++) {
		snprintf(text, sizeof(text), "Movie %05d", id);
		suggest_keys(SUGGEST_TITLE, text, NULL, keys);
		ck_assert_int_eq(suggest_add(ix, SUGGEST_TITLE, id, (double)(id % 997), text, keys), 0);
	}
	ck_assert_int_eq(suggest_add(ix, SUGGEST_PERSON, 1, 5000, "Mo Many", "mo a|mo b|mo c|mo d|"
	    "mo e|mo f|mo g|mo h|mo i|mo j|mo k|mo l"), 0);
	ck_assert_int_eq(suggest_finish(ix), 0);
	n = suggest_lookup(ix, "mo", h, 10);
	ck_assert_uint_eq(n, 10);
	ck_assert_int_eq(h[0].kind, SUGGEST_PERSON);
	for (i = 1; i < n; i++) {
		ck_assert_int_eq(h[i].kind, SUGGEST_TITLE);
		ck_assert(i == 1 || h[i].popularity <= h[i - 1].popularity);
	}
	/* 996 is the best title popularity (ids 996, 1993, ... 4984), five times; then 995. */
	ck_assert(h[1].popularity == 996 && h[5].popularity == 996 && h[6].popularity == 995);
	n = suggest_lookup(ix, "movie 0499", h, 10);
	ck_assert_uint_eq(n, 10);
	ck_assert_str_eq(h[0].text, "Movie 04999");	/* 4999 % 997 = 14, the best of 4990..4999 */
	ck_assert_str_eq(h[9].text, "Movie 04990");
	suggest_free(ix);
}
END_TEST

/* Random words, each queried with one random edit in its first five or more letters: each is found. */
START_TEST(typos_every_edit)
{
	struct suggest_index	*ix = suggest_new();
	struct suggest_hit	 h[SUGGEST_MAX];
	char			 w[300][16], q[32], keys[SUGGEST_KEYS_MAX];
	unsigned		 seed = 42, r;
	size_t			 i, j, n, len, at, missed = 0;

#define RND()	(seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff)
	for (i = 0; i < 300; i++) {
		len = 6 + RND() % 6;
		for (j = 0; j < len; j++)
			w[i][j] = (char)('a' + RND() % 26);
		w[i][len] = '\0';
		suggest_keys(SUGGEST_TITLE, w[i], NULL, keys);
		ck_assert_int_eq(suggest_add(ix, SUGGEST_TITLE, (long long)i, (double)(RND() % 100),
		    w[i], keys), 0);
	}
	ck_assert_int_eq(suggest_finish(ix), 0);
	for (i = 0; i < 300; i++) {
		len = strlen(w[i]);
		snprintf(q, sizeof(q), "%s", w[i]);
		at = RND() % (len - 1);
		switch ((r = RND() % 4)) {
		case 0:		/* a letter missing */
			memmove(q + at, q + at + 1, len - at);
			break;
		case 1:		/* one too many */
			memmove(q + at + 1, q + at, len - at + 1);
			q[at] = (char)('a' + RND() % 26);
			break;
		case 2:		/* one wrong */
			q[at] = q[at] == 'z' ? 'a' : (char)(q[at] + 1);
			break;
		default:	/* neighbours swapped */
			j = (size_t)q[at];
			q[at] = q[at + 1];
			q[at + 1] = (char)j;
			break;
		}
		n = suggest_lookup(ix, q, h, SUGGEST_MAX);
		for (j = 0; j < n && h[j].id != (long long)i; j++)
			;
		missed += j == n;
	}
#undef RND
	ck_assert_uint_eq(missed, 0);
	suggest_free(ix);
}
END_TEST

CHECK_MAIN("suggest", key_sets, prefixes_by_popularity, exact_first, typos, typos_every_edit,
    empty_and_odd, many)
