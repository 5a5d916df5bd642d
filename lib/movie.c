/* movie.c: the movie summary every list returns, read from one row of the movies table. */
#include <math.h>
#include <string.h>

#include "db.h"
#include "json.h"
#include "movie.h"

cJSON *
movie_summary(struct db_res *res, int c)
{
	cJSON		*m, *genres;

	if ((m = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(m, "id", (double)db_int(res, c + 0));
	json_str(m, "title", db_str(res, c + 1));
	json_str(m, "original_title", db_str(res, c + 14));
	json_str(m, "description", db_str(res, c + 2));
	json_str(m, "overview", db_str(res, c + 2));
	json_num(m, "release_year", (double)db_int(res, c + 3), db_isnull(res, c + 3));
	genres = json_list(db_str(res, c + 4));
	if (cJSON_GetArraySize(genres) > 0)
		cJSON_AddStringToObject(m, "genre", cJSON_GetArrayItem(genres, 0)->valuestring);
	else
		cJSON_AddNullToObject(m, "genre");
	cJSON_AddItemToObject(m, "genres", genres);
	json_round(m, "rating", db_double(res, c + 5), 1, db_isnull(res, c + 5));
	/* The app's cards read TMDB's name; left out (never null) when there is no rating. */
	if (!db_isnull(res, c + 5))
		json_round(m, "vote_average", fmin(fmax(db_double(res, c + 5), 0), 10), 1, 0);
	cJSON_AddNumberToObject(m, "vote_count", (double)db_int(res, c + 6));
	json_round(m, "popularity", db_double(res, c + 7), 3, 0);
	json_str(m, "poster_url", db_str(res, c + 8));
	json_str(m, "banner_url", db_str(res, c + 9));
	json_num(m, "duration", (double)db_int(res, c + 10), db_isnull(res, c + 10));
	json_str(m, "language", db_str(res, c + 11));
	json_time(m, "created_at", db_str(res, c + 12));
	json_time(m, "updated_at", db_str(res, c + 13));
	return m;
}
