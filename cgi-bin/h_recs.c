/* h_recs.c: similar movies and personal recommendations. */
#include "handlers.h"

const struct input h_movie_similar_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_movie_similar(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_recommendations_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_recommendations(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

cJSON *
recs_similar(struct req *r, long long movie_id, int limit)
{
	(void)r;
	(void)movie_id;
	(void)limit;
	return cJSON_CreateArray();
}
