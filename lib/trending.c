/* trending.c: the trending list from counts of viewers and the popular movies (pure, no I/O). */
#include "trending.h"

/* Whether movie_id is among the first n entries of out. */
static int
listed(const struct trend_entry *out, size_t n, long long movie_id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (out[i].movie_id == movie_id)
			return 1;
	return 0;
}

size_t
trending_rank(const struct trend_count *counted, size_t ncounted, const long long *popular,
    size_t npopular, long long min_viewers, struct trend_entry *out, size_t max)
{
	size_t	 n = 0, i, j;

	for (i = 0; i < ncounted && n < max; i++) {
		if (counted[i].viewers < min_viewers || listed(out, n, counted[i].movie_id))
			continue;
		out[n].movie_id = counted[i].movie_id;
		out[n].viewers = counted[i].viewers;
		out[n].by_viewers = 1;
		n++;
	}
	for (i = 0; i < npopular && n < max; i++) {
		if (listed(out, n, popular[i]))
			continue;
		out[n].movie_id = popular[i];
		out[n].viewers = 0;
		out[n].by_viewers = 0;
		for (j = 0; j < ncounted; j++)
			if (counted[j].movie_id == popular[i]) {
				out[n].viewers = counted[j].viewers;
				break;
			}
		n++;
	}
	return n;
}
