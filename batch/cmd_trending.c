/* cmd_trending.c: streamify-batch trending: the day's and the week's trending lists, from playback progress. */
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "config.h"
#include "db.h"
#include "trending.h"

#define COUNTED_MAX	(TRENDING_SIZE * 4)	/* counted movies read per window */

/* The windows: name (trending.span) and length in seconds. */
static const struct window {
	const char	*span;
	long long	 seconds;
} windows[] = {
	{ "day", 86400 },
	{ "week", 7 * 86400 },
};
#define NWINDOWS	(sizeof(windows) / sizeof(windows[0]))

/* One window's new list. */
struct list {
	struct trend_entry	 e[TRENDING_SIZE];
	size_t			 n;
	long long		 active;	/* of them ranked by their viewers */
};

/* Count the window's viewers and rank its list into l (lib/trending.h). Returns a db_rc. */
static int
window_rank(struct db *db, const struct window *win, const long long *popular, size_t npopular,
    struct list *l)
{
	struct trend_count	 counted[COUNTED_MAX];
	struct db_res		*res = NULL;
	size_t			 n = 0, i;
	int			 rc;

	if ((rc = db_exec(db, STMT_TREND_COUNT, &res, "ii", win->seconds,
	    (long long)COUNTED_MAX)) != DB_OK)
		return rc;
	while ((rc = db_next(res)) == 1 && n < COUNTED_MAX) {
		counted[n].movie_id = db_int(res, 0);
		counted[n].viewers = db_int(res, 1);
		n++;
	}
	db_res_free(res);
	if (rc < 0)
		return rc;
	l->n = trending_rank(counted, n, popular, npopular, config.trending_min_viewers, l->e,
	    TRENDING_SIZE);
	for (l->active = 0, i = 0; i < l->n; i++)
		l->active += l->e[i].by_viewers;
	return DB_OK;
}

/* Whether the stored lists are the new ones already: 1, 0, or a db_rc error. */
static int
unchanged(struct db *db, const struct list *lists)
{
	struct db_res	*res = NULL;
	size_t		 seen[NWINDOWS] = { 0 }, w, p;
	const char	*span;
	int		 rc, same = 1;

	if ((rc = db_exec(db, STMT_TREND_CURRENT, &res, "")) != DB_OK)
		return rc;
	while ((rc = db_next(res)) == 1) {
		span = db_str(res, 0);
		for (w = 0; w < NWINDOWS && (span == NULL || strcmp(span, windows[w].span) != 0); w++)
			;
		p = (size_t)db_int(res, 1);
		if (w == NWINDOWS || p != seen[w] || p >= lists[w].n ||
		    db_int(res, 2) != lists[w].e[p].movie_id ||
		    db_int(res, 3) != lists[w].e[p].viewers ||
		    (db_int(res, 4) != 0) != (lists[w].e[p].by_viewers != 0))
			same = 0;
		else
			seen[w]++;
	}
	db_res_free(res);
	if (rc < 0)
		return rc;
	for (w = 0; w < NWINDOWS; w++)
		if (seen[w] != lists[w].n)
			same = 0;
	return same;
}

/* Replace the stored lists with lists (db_tx). */
static int
lists_write_tx(struct db *db, void *arg)
{
	const struct list	*lists = arg;
	size_t			 w, p;
	int			 rc;

	for (w = 0; w < NWINDOWS; w++) {
		if ((rc = db_exec(db, STMT_TREND_CLEAR, NULL, "s", windows[w].span)) != DB_OK)
			return rc;
		for (p = 0; p < lists[w].n; p++)
			if ((rc = db_exec(db, STMT_TREND_PUT, NULL, "siiii", windows[w].span,
			    (long long)p, lists[w].e[p].viewers,
			    (long long)lists[w].e[p].by_viewers, lists[w].e[p].movie_id)) != DB_OK)
				return rc;
	}
	return DB_OK;
}

int
cmd_trending(int argc, char *argv[])
{
	static const char	 help[] =
	    "usage: streamify-batch trending\n"
	    "\n"
	    "Computes the trending lists GET /movies/trending answers: for the last day and\n"
	    "the last week, the movies that most distinct viewers started or progressed\n"
	    "(watch_history), those with at least trending_min_viewers of them first, most\n"
	    "first (then by popularity), the list filled up to 50 by popularity; and\n"
	    "replaces the stored lists in one transaction when they changed (every worker's\n"
	    "memory of them goes at once). Run it every 15 minutes (etc/streamify.cron).\n";
	static struct list	 lists[NWINDOWS];
	long long		 popular[TRENDING_SIZE];
	struct db_res		*res = NULL;
	struct db		*db;
	size_t			 npopular = 0, w;
	int			 rc, same;

	if ((rc = batch_no_options(argc, argv, help)) != -1)
		return rc;
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "streamify-batch trending: cannot reach the database\n");
		db_close(db);
		return 1;
	}
	if ((rc = db_exec(db, STMT_TREND_POPULAR, &res, "i", (long long)TRENDING_SIZE)) != DB_OK)
		goto fail;
	while ((rc = db_next(res)) == 1 && npopular < TRENDING_SIZE)
		popular[npopular++] = db_int(res, 0);
	db_res_free(res);
	if (rc < 0)
		goto fail;
	for (w = 0; w < NWINDOWS; w++)
		if ((rc = window_rank(db, &windows[w], popular, npopular, &lists[w])) != DB_OK)
			goto fail;
	if ((same = unchanged(db, lists)) < 0) {
		rc = same;
		goto fail;
	}
	if (!same && (rc = db_tx(db, lists_write_tx, (void *)lists)) != DB_OK)
		goto fail;
	db_close(db);
	printf("trending: day %zu movies (%lld by viewers), week %zu movies (%lld by viewers)%s\n",
	    lists[0].n, lists[0].active, lists[1].n, lists[1].active,
	    same ? ", unchanged" : ", written");
	return 0;
fail:
	db_close(db);
	fprintf(stderr, "streamify-batch trending: stopped on a database error (%d)\n", rc);
	return 1;
}
