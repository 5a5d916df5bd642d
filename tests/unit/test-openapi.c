/* test-openapi.c: docs/openapi.yaml documents every route of the route table, and nothing else. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "tap.h"

#define MAXDOC	512

struct doc {
	char	 path[128];
	char	 method[8];
};

int
main(void)
{
	struct doc	 docs[MAXDOC];
	const char	*src = getenv("STREAMIFY_SRCDIR");
	char		 file[1024], line[1024], cur[1024] = "", *p;
	size_t		 ndocs = 0, i, j;
	FILE		*f;
	int		 found;

	snprintf(file, sizeof(file), "%s/docs/openapi.yaml", src ? src : ".");
	if ((f = fopen(file, "r")) == NULL)
		bail("cannot open %s", file);
	while (fgets(line, sizeof(line), f) != NULL && ndocs < MAXDOC) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "  /", 3) == 0 && (p = strrchr(line, ':')) != NULL) {
			*p = '\0';
			snprintf(cur, sizeof(cur), "%s", line + 2);
		} else if (strncmp(line, "    ", 4) == 0 && line[4] != ' ' && cur[0] &&
		    (p = strchr(line + 4, ':')) != NULL && p[1] == '\0') {
			*p = '\0';
			if (strcmp(line + 4, "get") && strcmp(line + 4, "post") &&
			    strcmp(line + 4, "put") && strcmp(line + 4, "patch") &&
			    strcmp(line + 4, "delete"))
				continue;
			snprintf(docs[ndocs].path, sizeof(docs[ndocs].path), "%s", cur);
			for (j = 0; line[4 + j] && j < 7; j++)
				docs[ndocs].method[j] = (char)toupper((unsigned char)line[4 + j]);
			docs[ndocs].method[j] = '\0';
			ndocs++;
		} else if (line[0] != ' ' && line[0] != '#' && line[0] != '\0')
			cur[0] = '\0';
	}
	fclose(f);
	ok(ndocs > 0, "openapi.yaml has operations (%zu)", ndocs);
	for (i = 0; i < api_nroutes; i++) {
		if (api_routes[i].flags & ROUTE_DEBUG)
			continue;
		for (found = 0, j = 0; j < ndocs && !found; j++)
			found = strcmp(docs[j].path, api_routes[i].pattern) == 0 &&
			    strcmp(docs[j].method, api_routes[i].method) == 0;
		ok(found, "%s %s is documented", api_routes[i].method, api_routes[i].pattern);
	}
	for (j = 0; j < ndocs; j++) {
		for (found = 0, i = 0; i < api_nroutes && !found; i++)
			found = strcmp(docs[j].path, api_routes[i].pattern) == 0 &&
			    strcmp(docs[j].method, api_routes[i].method) == 0;
		ok(found, "documented %s %s exists in the route table", docs[j].method,
		    docs[j].path);
	}
	return done_testing();
}
