/* route.c: the route lookup that tells "no such path" (404) from "no such method" (405). */
#include <string.h>

#include "route.h"

/*
 * Match path against pattern, segment by segment. Returns 1 and fills ids
 * on a match, 0 otherwise.
 */
static int
route_match_path(const char *pattern, const char *path, long long ids[ROUTE_MAX_IDS])
{
	const char	*p = pattern, *s = path;
	int		 nid = 0, digits;
	long long	 v;

	while (*p != '\0' && *s != '\0') {
		if (strncmp(p, "{id}", 4) == 0) {
			if (*s < '1' || *s > '9')
				return 0;
			v = 0;
			for (digits = 0; *s >= '0' && *s <= '9'; s++, digits++) {
				if (digits == 18)
					return 0;
				v = v * 10 + (*s - '0');
			}
			if (*s != '\0' && *s != '/')
				return 0;
			if (nid == ROUTE_MAX_IDS)
				return 0;
			ids[nid++] = v;
			p += 4;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

enum route_match
route_lookup(const struct route *table, size_t n, const char *method,
    const char *path, size_t *idx, long long ids[ROUTE_MAX_IDS], char *allow,
    size_t allowlen)
{
	long long	 tmp[ROUTE_MAX_IDS];
	const char	*m;
	size_t		 i, used = 0, len;
	int		 path_found = 0;

	if (allowlen > 0)
		allow[0] = '\0';
	m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	for (i = 0; i < n; i++) {
		memset(tmp, 0, sizeof(tmp));
		if (!route_match_path(table[i].pattern, path, tmp))
			continue;
		if (strcmp(table[i].method, m) == 0) {
			*idx = i;
			memcpy(ids, tmp, sizeof(tmp));
			return ROUTE_FOUND;
		}
		path_found = 1;
		/* Collect the methods this path answers, each once. */
		len = strlen(table[i].method);
		if (strstr(allow, table[i].method) == NULL && used + len + 3 < allowlen) {
			if (used > 0) {
				memcpy(allow + used, ", ", 2);
				used += 2;
			}
			memcpy(allow + used, table[i].method, len + 1);
			used += len;
		}
	}
	return path_found ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
