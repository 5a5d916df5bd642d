/* search.c: search text normalisation, index terms and ranking: pure functions, no I/O. */
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "valid.h"

/*
 * ASCII folding of U+00C0..U+00FF and U+0100..U+017F, one byte per code
 * point: a letter, ' ' for a symbol (x, division sign), or a digit naming
 * a two-letter folding of the table below.
 */
static const char fold_latin1[] =
	"aaaaaa3ceeeeiiii" "dnooooo ouuuuy45"
	"aaaaaa3ceeeeiiii" "dnooooo ouuuuy4y";
static const char fold_exta[] =
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "ii11jjkkklllllll"
	"lllnnnnnnnnnoooo" "oo22rrrrrrssssss" "sstttttt" "uuuuuuuu" "uuuuwwyyyzzzzzzs";
static const char *const fold_pairs[] = { "", "ij", "oe", "ae", "th", "ss" };

/* Append the bytes of a word piece; a pending break becomes one space first. */
struct out {
	char	*buf;
	size_t	 len, cap;	/* cap excludes the NUL */
	size_t	 word_start;	/* where the current word began */
	int	 brk;		/* a break is pending */
	int	 full;		/* stop: the text no longer fits */
};

static void
out_put(struct out *o, const char *p, size_t n)
{
	if (o->full)
		return;
	if (o->brk && o->len > 0) {
		if (o->len + 1 > o->cap) {
			o->full = 1;
			return;
		}
		o->buf[o->len++] = ' ';
		o->word_start = o->len;
	}
	o->brk = 0;
	if (o->len + n > o->cap) {
		/* Cut at the last word boundary. */
		o->len = o->word_start > 0 ? o->word_start - 1 : 0;
		o->full = 1;
		return;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

size_t
search_normalize(const char *in, char *out, size_t outlen)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 n = strlen(in), k;
	unsigned long		 cp;
	struct out		 o = { out, 0, outlen - 1, 0, 0, 0 };
	char			 c, f;

	while (n > 0 && !o.full) {
		if ((k = utf8_decode(s, n, &cp)) == 0) {
			o.brk = 1;
			s++;
			n--;
			continue;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			c = (char)cp;
			out_put(&o, &c, 1);
		} else if (cp >= 'A' && cp <= 'Z') {
			c = (char)(cp - 'A' + 'a');
			out_put(&o, &c, 1);
		} else if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC ||
		    (cp >= 0x0300 && cp <= 0x036F) || cp == 0xAD) {
			;	/* apostrophes, combining accents, soft hyphen: dropped */
		} else if (cp >= 0xC0 && cp <= 0x17F) {
			f = cp <= 0xFF ? fold_latin1[cp - 0xC0] : fold_exta[cp - 0x100];
			if (f == ' ')
				o.brk = 1;
			else if (f >= '1' && f <= '5')
				out_put(&o, fold_pairs[f - '0'], 2);
			else
				out_put(&o, &f, 1);
		} else if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) ||
		    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
		    (cp >= 0xFF00 && cp <= 0xFF0F)) {
			o.brk = 1;	/* punctuation, symbols, spaces, controls */
		} else
			out_put(&o, (const char *)s, k);	/* another script: kept */
		s += k;
		n -= k;
	}
	out[o.len] = '\0';
	return o.len;
}

int
search_split(const char *norm, char words[][SEARCH_WORD_MAX], int max)
{
	const char	*p = norm, *e;
	size_t		 len;
	int		 n = 0;

	while (*p != '\0' && n < max) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		len = (size_t)(e - p);
		if (len >= SEARCH_WORD_MAX) {
			/* Cut at a UTF-8 character boundary. */
			len = SEARCH_WORD_MAX - 1;
			while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80)
				len--;
		}
		memcpy(words[n], p, len);
		words[n][len] = '\0';
		n++;
		p = e;
	}
	return n;
}

int
search_deletions(const char *word, char out[][SEARCH_WORD_MAX])
{
	size_t	 len = strlen(word), i, j;
	int	 n = 0;

	if (len < SEARCH_FUZZY_MIN || len > SEARCH_FUZZY_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)word[i] >= 0x80)
			return 0;
	for (i = 0; i < len; i++) {
		/* Deleting either letter of a double gives the same word: keep one. */
		if (i > 0 && word[i] == word[i - 1])
			continue;
		memcpy(out[n], word, i);
		memcpy(out[n] + i, word + i + 1, len - i - 1);
		out[n][len - 1] = '\0';
		for (j = 0; j < (size_t)n; j++)
			if (strcmp(out[j], out[n]) == 0)
				break;
		if (j == (size_t)n)
			n++;
	}
	return n;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
search_is_stopword(const char *word)
{
	/* Sorted: looked up with bsearch. */
	static const char *const stop[] = {
		"a", "an", "and", "are", "as", "at", "be", "but", "by", "de", "del",
		"der", "des", "die", "du", "el", "en", "for", "from", "has", "he",
		"her", "his", "in", "into", "is", "it", "its", "la", "le", "les",
		"of", "on", "or", "she", "that", "the", "their", "they", "this", "to",
		"was", "who", "with",
	};

	return bsearch(&word, stop, sizeof(stop) / sizeof(stop[0]), sizeof(stop[0]),
	    cmp_str) != NULL;
}

/* Title without a leading "the ", "a ", "an " or a trailing " the" (as in "Godfather, The"). */
static void
strip_article(const char *t, const char **start, size_t *len)
{
	static const char *const lead[] = { "the ", "a ", "an " };
	static const char *const trail[] = { " the", " a", " an" };
	size_t		 i, n = strlen(t), k;

	*start = t;
	*len = n;
	for (i = 0; i < sizeof(lead) / sizeof(lead[0]); i++) {
		k = strlen(lead[i]);
		if (n > k && strncmp(t, lead[i], k) == 0) {
			*start = t + k;
			*len = n - k;
			return;
		}
	}
	for (i = 0; i < sizeof(trail) / sizeof(trail[0]); i++) {
		k = strlen(trail[i]);
		if (n > k && strcmp(t + n - k, trail[i]) == 0) {
			*len = n - k;
			return;
		}
	}
}

/* The tier of one normalised title for query q: 0 (it is q), 1 (it starts with q) or 2. */
static int
title_tier(const char *title, size_t n, const char *q)
{
	char		 t[SEARCH_QUERY_MAX];
	const char	*st;
	size_t		 stlen, qlen = strlen(q);

	if (qlen == 0 || n >= sizeof(t))
		return 2;
	memcpy(t, title, n);
	t[n] = '\0';
	strip_article(t, &st, &stlen);
	if (strcmp(t, q) == 0 || (stlen == qlen && strncmp(st, q, qlen) == 0))
		return 0;
	if (strncmp(t, q, qlen) == 0 || (stlen > qlen && strncmp(st, q, qlen) == 0))
		return 1;
	return 2;
}

int
search_tier(const char *title, const char *q, const unsigned char *match, int nwords)
{
	const char	*p, *bar;
	int		 i, fuzzy = 0, best = 2, t;

	/* Every title of the movie ('|' between them), the best of them. */
	for (p = title; p != NULL; p = bar ? bar + 1 : NULL) {
		bar = strchr(p, '|');
		if ((t = title_tier(p, bar ? (size_t)(bar - p) : strlen(p), q)) < best)
			best = t;
	}
	if (best < 2)
		return best;
	for (i = 0; i < nwords; i++) {
		if (match[i] == SEARCH_MATCH_NONE || match[i] / 4 != SEARCH_F_TITLE)
			return 4;
		if (match[i] % 4 == SEARCH_Q_FUZZY)
			fuzzy = 1;
	}
	if (nwords == 0)
		return 4;
	return fuzzy ? 3 : 2;
}

int
search_rank_genre(int text_tier, int of_genre)
{
	if (text_tier == 0)
		return 0;
	if (of_genre)
		return 1;
	return text_tier < 0 ? 6 : text_tier + 1;
}

static int
cmp_hit(const void *pa, const void *pb)
{
	const struct search_hit	*a = pa, *b = pb;

	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->popularity != b->popularity)
		return a->popularity > b->popularity ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

void
search_sort(struct search_hit *hits, size_t n)
{
	if (n > 1)
		qsort(hits, n, sizeof(*hits), cmp_hit);
}
