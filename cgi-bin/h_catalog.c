/* h_catalog.c: the catalog: browse, detail, credits, genres, search. */
#include "handlers.h"

const struct input h_movies_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_movies_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_movies_popular_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_movies_popular(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_search_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_search(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_movie_get_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_movie_get(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_movie_credits_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_movie_credits(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_genres_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_genres(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}
