/* test-search.c: search normalisation, deletion variants, stop words and ranking. */
#include <string.h>

#include "check_main.h"
#include "search.h"

static const char *
norm(const char *in)
{
	static char	 out[256];

	search_normalize(in, out, sizeof(out));
	return out;
}

START_TEST(normalize_case_and_punctuation)
{
	ck_assert_str_eq(norm("Spider-Man"), "spider man");
	ck_assert_str_eq(norm("  The  GODFATHER: Part II!! "), "the godfather part ii");
	ck_assert_str_eq(norm("WALL·E"), "wall e");
	ck_assert_str_eq(norm("Schindler's List"), "schindlers list");
	ck_assert_str_eq(norm("Don\xe2\x80\x99t Look Up"), "dont look up");
	ck_assert_str_eq(norm("2001: A Space Odyssey"), "2001 a space odyssey");
	ck_assert_str_eq(norm(""), "");
	ck_assert_str_eq(norm("?!-"), "");
}
END_TEST

START_TEST(normalize_folds_accents)
{
	ck_assert_str_eq(norm("L\xc3\xa9on"), "leon");
	ck_assert_str_eq(norm("AM\xc3\x89LIE"), "amelie");
	ck_assert_str_eq(norm("Stra\xc3\x9f" "e"), "strasse");
	ck_assert_str_eq(norm("\xc5\x92uvre \xc3\x86on"), "oeuvre aeon");
	ck_assert_str_eq(norm("\xc5\x81\xc3\xb3" "d\xc5\xba"), "lodz");
	ck_assert_str_eq(norm("Le\xcc\x81on"), "leon");		/* combining acute */
	ck_assert_str_eq(norm("\xc3\x97"), "");			/* multiplication sign */
}
END_TEST

START_TEST(normalize_keeps_other_scripts_and_drops_bad_bytes)
{
	ck_assert_str_eq(norm("\xe5\x8d\x83\xe3\x81\xa8\xe5\x8d\x83\xe5\xb0\x8b"),
	    "\xe5\x8d\x83\xe3\x81\xa8\xe5\x8d\x83\xe5\xb0\x8b");
	ck_assert_str_eq(norm("a\xff" "b"), "a b");
	ck_assert_str_eq(norm("a\xc3"), "a");
	ck_assert_str_eq(norm("x\xe2\x80\x94y"), "x y");	/* em dash */
}
END_TEST

START_TEST(normalize_cuts_at_a_word)
{
	char	 out[12];

	ck_assert_uint_eq(search_normalize("alpha beta gamma", out, sizeof(out)), 10);
	ck_assert_str_eq(out, "alpha beta");
	ck_assert_uint_eq(search_normalize("abcdefghijklmnop", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(split_words)
{
	char	 w[4][SEARCH_WORD_MAX];
	char	 longw[100];

	ck_assert_int_eq(search_split("the god father", w, 4), 3);
	ck_assert_str_eq(w[0], "the");
	ck_assert_str_eq(w[2], "father");
	ck_assert_int_eq(search_split("a b c d e f", w, 4), 4);
	ck_assert_int_eq(search_split("", w, 4), 0);
	memset(longw, 'x', 99);
	longw[99] = '\0';
	ck_assert_int_eq(search_split(longw, w, 4), 1);
	ck_assert_uint_eq(strlen(w[0]), SEARCH_WORD_MAX - 1);
}
END_TEST

START_TEST(deletions)
{
	char	 d[SEARCH_FUZZY_MAX][SEARCH_WORD_MAX];
	int	 n, i, found = 0;

	ck_assert_int_eq(search_deletions("leon", d), 0);		/* too short */
	ck_assert_int_eq(search_deletions("\xc3\xa9" "abcd", d), 0);	/* not ASCII */
	ck_assert_int_eq(search_deletions("abcdefghijklmnopqrstu", d), 0);	/* too long */
	n = search_deletions("godfather", d);
	ck_assert_int_eq(n, 9);
	for (i = 0; i < n; i++)
		if (strcmp(d[i], "godfathr") == 0)
			found = 1;
	ck_assert_int_eq(found, 1);
	/* A doubled letter gives one variant, not two. */
	ck_assert_int_eq(search_deletions("apple", d), 4);
}
END_TEST

/* Whether a and b share a key of {word} + deletions, as the index matches them. */
static int
fuzzy_match(const char *a, const char *b)
{
	char	 da[SEARCH_FUZZY_MAX + 1][SEARCH_WORD_MAX], db[SEARCH_FUZZY_MAX + 1][SEARCH_WORD_MAX];
	int	 na, nb, i, j;

	na = search_deletions(a, da + 1) + 1;
	nb = search_deletions(b, db + 1) + 1;
	strcpy(da[0], a);
	strcpy(db[0], b);
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (strcmp(da[i], db[j]) == 0)
				return 1;
	return 0;
}

START_TEST(symmetric_deletions_find_one_typo)
{
	ck_assert(fuzzy_match("godfater", "godfather"));	/* a letter missing */
	ck_assert(fuzzy_match("godfathher", "godfather"));	/* one too many */
	ck_assert(fuzzy_match("godfathar", "godfather"));	/* one wrong */
	ck_assert(fuzzy_match("godfahter", "godfather"));	/* two swapped */
	ck_assert(!fuzzy_match("gadfathar", "godfather"));	/* two wrong */
	ck_assert(!fuzzy_match("matrix", "metric"));
}
END_TEST

START_TEST(stopwords)
{
	ck_assert(search_is_stopword("the"));
	ck_assert(search_is_stopword("a"));
	ck_assert(search_is_stopword("with"));
	ck_assert(!search_is_stopword("godfather"));
	ck_assert(!search_is_stopword(""));
}
END_TEST

START_TEST(tiers)
{
	unsigned char	 title2[2] = { SEARCH_MATCH(SEARCH_F_TITLE, SEARCH_Q_EXACT),
	    SEARCH_MATCH(SEARCH_F_TITLE, SEARCH_Q_PREFIX) };
	unsigned char	 typo[1] = { SEARCH_MATCH(SEARCH_F_TITLE, SEARCH_Q_FUZZY) };
	unsigned char	 person[1] = { SEARCH_MATCH(SEARCH_F_PERSON, SEARCH_Q_EXACT) };

	ck_assert_int_eq(search_tier("the godfather", "the godfather", title2, 1), 0);
	ck_assert_int_eq(search_tier("the godfather", "godfather", title2, 1), 0);
	ck_assert_int_eq(search_tier("godfather the", "godfather", title2, 1), 0);
	ck_assert_int_eq(search_tier("the godfather part ii", "godfather", title2, 1), 1);
	ck_assert_int_eq(search_tier("star wars", "star w", title2, 1), 1);
	ck_assert_int_eq(search_tier("my godfather story", "godfather story", title2, 2), 2);
	ck_assert_int_eq(search_tier("the godfather", "godfater", typo, 1), 3);
	ck_assert_int_eq(search_tier("heat", "pacino", person, 1), 4);
	ck_assert_int_eq(search_tier("heat", "", person, 0), 4);
}
END_TEST

/* A query that names a genre: the exact title, then the genre's movies, then the rest in order. */
/* A movie's other titles count as its title: the best of them ('|' between them). */
START_TEST(tiers_of_other_titles)
{
	static const unsigned char	 title1[] = { SEARCH_MATCH(SEARCH_F_TITLE, SEARCH_Q_EXACT) };
	static const unsigned char	 title2[] = { SEARCH_MATCH(SEARCH_F_TITLE, SEARCH_Q_EXACT),
	    SEARCH_MATCH(SEARCH_F_TITLE, SEARCH_Q_EXACT) };
	const char			*t = "leon the professional|leon|the professional";

	ck_assert_int_eq(search_tier(t, "the professional", title2, 2), 0);
	ck_assert_int_eq(search_tier(t, "professional", title1, 1), 0);
	ck_assert_int_eq(search_tier(t, "leon", title1, 1), 0);
	ck_assert_int_eq(search_tier(t, "leon the", title2, 2), 1);
	ck_assert_int_eq(search_tier(t, "professional leon", title2, 2), 2);
	ck_assert_int_eq(search_tier("seven|se7en", "se7en", title1, 1), 0);
	ck_assert_int_eq(search_tier("seven|", "se", title1, 1), 1);
}
END_TEST

START_TEST(genre_rank)
{
	ck_assert_int_eq(search_rank_genre(0, 0), 0);
	ck_assert_int_eq(search_rank_genre(0, 1), 0);
	ck_assert_int_eq(search_rank_genre(1, 1), 1);
	ck_assert_int_eq(search_rank_genre(4, 1), 1);
	ck_assert_int_eq(search_rank_genre(-1, 1), 1);
	ck_assert_int_eq(search_rank_genre(1, 0), 2);
	ck_assert_int_eq(search_rank_genre(4, 0), 5);
	/* Without a genre the order of the tiers is what it was. */
	ck_assert_int_lt(search_rank_genre(0, 0), search_rank_genre(1, 0));
	ck_assert_int_lt(search_rank_genre(3, 0), search_rank_genre(4, 0));
}
END_TEST

START_TEST(sort_hits)
{
	struct search_hit	 h[] = {
		{ 5, 1.0, 4 }, { 3, 9.0, 2 }, { 9, 2.0, 0 }, { 2, 9.0, 2 }, { 7, 50.0, 1 },
	};

	search_sort(h, 5);
	ck_assert_int_eq(h[0].id, 9);
	ck_assert_int_eq(h[1].id, 7);
	ck_assert_int_eq(h[2].id, 2);
	ck_assert_int_eq(h[3].id, 3);
	ck_assert_int_eq(h[4].id, 5);
}
END_TEST

/* Whether s is normalised: words of [a-z0-9] or valid UTF-8 of other scripts, one space apart. */
static int
is_normal(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 k, i;

	if (*p == ' ')
		return 0;
	while (*p != '\0') {
		if (*p == ' ') {
			if (p[1] == ' ' || p[1] == '\0')
				return 0;
			p++;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			p++;
		} else if (*p >= 0xC2 && *p <= 0xF4) {
			k = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
			for (i = 1; i < k; i++)
				if ((p[i] & 0xC0) != 0x80)
					return 0;
			p += k;
		} else
			return 0;
	}
	return 1;
}

START_TEST(normalize_random_bytes)
{
	unsigned char	 in[64];
	char		 out[48];
	unsigned	 seed = 12345, round;
	size_t		 i, n;

	for (round = 0; round < 20000; round++) {
		n = (seed = seed * 1103515245 + 12345) % sizeof(in);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			/* Mostly ASCII and the lead bytes of Latin letters, some of anything. */
			in[i] = (unsigned char)((seed >> 16) % 4 == 0 ? 0xC3 + (seed >> 20) % 3 :
			    (seed >> 8) & 0xFF);
			if (in[i] == 0)
				in[i] = 'a';
		}
		in[n] = '\0';
		ck_assert_uint_lt(search_normalize((const char *)in, out, sizeof(out)), sizeof(out));
		ck_assert_msg(is_normal(out), "not normal: \"%s\"", out);
	}
}
END_TEST

CHECK_MAIN("search", tiers_of_other_titles, genre_rank, normalize_random_bytes, normalize_case_and_punctuation, normalize_folds_accents,
    normalize_keeps_other_scripts_and_drops_bad_bytes, normalize_cuts_at_a_word, split_words,
    deletions, symmetric_deletions_find_one_typo, stopwords, tiers, sort_hits)
