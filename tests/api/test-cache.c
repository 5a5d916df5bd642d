/* test-cache.c: anonymous catalog answers kept by the workers never outlive a catalog change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "tap.h"

int
main(void)
{
	struct api_resp	*r;
	char		 path[128], title[128], sql[512];
	long long	 id;
	int		 i, same = 1;
	char		*first = NULL;

	api_init();
	snprintf(title, sizeof(title), "Cache fixture %s", api_unique());
	snprintf(sql, sizeof(sql), "INSERT INTO movies (title, genres) VALUES ('%s', '')", title);
	if (db_do("%s", sql) != 0)
		bail("cannot insert the fixture movie");
	id = db_count("SELECT id FROM movies WHERE title = '%s'", title);
	ok(id > 0, "fixture movie %lld", id);
	snprintf(path, sizeof(path), "/api/movies/%lld", id);

	/* Many answers in a row (every worker keeps one): all the same bytes. */
	for (i = 0; i < 12; i++) {
		r = api_get(path, NULL);
		if (first == NULL)
			first = strdup(r->body);
		else if (strcmp(first, r->body) != 0)
			same = 0;
		if (i == 0)
			is_str(jstr(r->json, "data.title"), title, "the detail shows the title");
		api_free(r);
	}
	ok(same, "repeated anonymous answers are identical");

	/* A change made behind the API's back shows on every worker once version_check_ms passed. */
	if (db_do("UPDATE movies SET title = CONCAT(title, ' renamed') WHERE id = %lld", id) != 0)
		bail("cannot rename the fixture");
	for (i = 0, same = 1; i < 12; i++) {
		r = api_get(path, NULL);
		if (jstr(r->json, "data.title") == NULL || strstr(jstr(r->json, "data.title"),
		    " renamed") == NULL)
			same = 0;
		api_free(r);
	}
	ok(same, "after an UPDATE every answer has the new title");

	if (db_do("DELETE FROM movies WHERE id = %lld", id) != 0)
		bail("cannot delete the fixture");
	for (i = 0, same = 1; i < 12; i++) {
		r = api_get(path, NULL);
		if (r->status != 404)
			same = 0;
		api_free(r);
	}
	ok(same, "after a DELETE every answer is 404");
	free(first);
	return done_testing();
}
