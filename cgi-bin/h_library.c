/* h_library.c: the user's library: watchlist, favorites, history, continue watching, ratings. */
#include "handlers.h"

const struct input h_watchlist_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_watchlist_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_watchlist_add_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_watchlist_add(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_watchlist_remove_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_watchlist_remove(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_favorites_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_favorites_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_favorites_add_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_favorites_add(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_favorites_remove_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_favorites_remove(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_history_put_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_history_put(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_history_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_history_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_continue_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_continue_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_continue_hide_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_continue_hide(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_rating_put_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_rating_put(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_rating_delete_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_rating_delete(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_ratings_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_ratings_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

cJSON *
library_user_state(struct req *r, long long movie_id)
{
	(void)r;
	(void)movie_id;
	return NULL;
}

int
library_profile_stats(struct req *r, cJSON *stats)
{
	(void)r;
	cJSON_AddNumberToObject(stats, "watchlist_count", 0);
	cJSON_AddNumberToObject(stats, "favorites_count", 0);
	cJSON_AddNumberToObject(stats, "watched_count", 0);
	return 0;
}
