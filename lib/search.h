/* search.h: search text normalisation, index terms and ranking: pure functions, no I/O. */
#ifndef STREAMIFY_SEARCH_H
#define STREAMIFY_SEARCH_H

#include <stddef.h>

#define SEARCH_WORD_MAX		64	/* bytes of one indexed word, NUL included */
#define SEARCH_FUZZY_MIN	5	/* letters a word needs for typo tolerance */
#define SEARCH_FUZZY_MAX	20	/* longest word that gets deletion variants */
#define SEARCH_QUERY_WORDS	8	/* query words looked at; the rest are ignored */
#define SEARCH_QUERY_MAX	1024	/* bytes of a normalised query, NUL included */

/* Where a term was found: the lower, the better it ranks. */
enum search_field {
	SEARCH_F_TITLE = 1,
	SEARCH_F_PERSON = 2,	/* cast and directors */
	SEARCH_F_TEXT = 3,	/* description */
};

/* How a query word matched a term. */
enum search_quality {
	SEARCH_Q_EXACT = 0,
	SEARCH_Q_PREFIX = 1,	/* the last query word is the start of the term */
	SEARCH_Q_FUZZY = 2,	/* one typo (symmetric deletion match) */
};

/* A query word's best match in one movie: field * 4 + quality; 0 = no match. */
#define SEARCH_MATCH(field, quality)	((field) * 4 + (quality))
#define SEARCH_MATCH_NONE		0

/*
 * Normalise UTF-8 text for search into out (outlen bytes, at least 1):
 * ASCII letters lowercased, Latin-1 and Latin Extended-A letters folded to
 * ASCII ("é" -> "e", "ß" -> "ss", "Œ" -> "oe"), combining accents and
 * apostrophes dropped ("don't" -> "dont"), every other punctuation, symbol,
 * control character or invalid byte turned into a word break; other
 * letters (Greek, Cyrillic, CJK, ...) kept as they are. Words come out
 * separated by one space, with none at either end. Text that does not fit
 * is cut at a word boundary. Returns the length of out.
 */
size_t	search_normalize(const char *in, char *out, size_t outlen);

/*
 * Split normalised text into at most max words of fewer than
 * SEARCH_WORD_MAX bytes (longer words are cut), copied into words.
 * Returns the number of words.
 */
int	search_split(const char *norm, char words[][SEARCH_WORD_MAX], int max);

/*
 * The single-deletion variants of word (each with one letter removed),
 * without duplicates, into out (room for SEARCH_FUZZY_MAX entries).
 * Only a word of SEARCH_FUZZY_MIN..SEARCH_FUZZY_MAX bytes of plain ASCII
 * has them. Returns their number (0 for other words).
 */
int	search_deletions(const char *word, char out[][SEARCH_WORD_MAX]);

/*
 * Whether word is a stop word ("the", "of", "and", ...): not indexed from
 * descriptions, and not required to match when a query has other words.
 */
int	search_is_stopword(const char *word);

/*
 * The rank tier of a movie for a query (lower is better): 0 when its
 * normalised title is the query (a leading or trailing article aside),
 * 1 when the title starts with it (title_norm may hold several titles,
 * '|' between them: the best counts), 2 when every query word matched the
 * title exactly or as a prefix, 3 when every one matched the title with a
 * typo allowed, 4 otherwise. match holds the best SEARCH_MATCH of each of
 * the nwords required query words.
 */
int	search_tier(const char *title_norm, const char *query_norm,
	    const unsigned char *match, int nwords);

/*
 * The rank tier of a movie when the query names a genre, from its text
 * tier (search_tier, or -1 when not every word matched) and whether it is
 * of that genre: a title that is the query stays first (0); the genre's
 * movies come next (1); other matches follow in their order (tier + 1).
 */
int	search_rank_genre(int text_tier, int of_genre);

/* One candidate movie of a search, as ranked. */
struct search_hit {
	long long	 id;
	double		 popularity;
	int		 tier;
};

/* Sort hits: tier ascending, then popularity descending, then id ascending. */
void	search_sort(struct search_hit *hits, size_t n);

#endif
