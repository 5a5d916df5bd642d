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

/* Append method to the comma-separated list allow (used bytes so far in *used), once. */
static void
allow_add(char *allow, size_t allowlen, size_t *used, const char *method)
{
	const char	*p;
	size_t		 len = strlen(method);

	for (p = allow; (p = strstr(p, method)) != NULL; p += len)
		if ((p == allow || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
			return;
	if (*used + len + 3 > allowlen)
		return;
	if (*used > 0) {
		memcpy(allow + *used, ", ", 2);
		*used += 2;
	}
	memcpy(allow + *used, method, len + 1);
	*used += len;
}

enum route_match
route_lookup(const struct route *table, size_t n, const char *method,
    const char *path, size_t *idx, long long ids[ROUTE_MAX_IDS], char *allow,
    size_t allowlen)
{
	long long	 tmp[ROUTE_MAX_IDS];
	const char	*m;
	size_t		 i, used = 0;
	int		 path_found = 0, options = strcmp(method, "OPTIONS") == 0;

	if (allowlen > 0)
		allow[0] = '\0';
	m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	for (i = 0; i < n; i++) {
		memset(tmp, 0, sizeof(tmp));
		if (!route_match_path(table[i].pattern, path, tmp))
			continue;
		if (!options && strcmp(table[i].method, m) == 0) {
			*idx = i;
			memcpy(ids, tmp, sizeof(tmp));
			if (allowlen > 0)
				allow[0] = '\0';
			return ROUTE_FOUND;
		}
		if (!path_found)
			*idx = i;
		path_found = 1;
		/* Collect the methods this path answers, each once; HEAD goes with GET. */
		allow_add(allow, allowlen, &used, table[i].method);
		if (strcmp(table[i].method, "GET") == 0)
			allow_add(allow, allowlen, &used, "HEAD");
	}
	if (!path_found)
		return ROUTE_NOT_FOUND;
	allow_add(allow, allowlen, &used, "OPTIONS");
	return options ? ROUTE_OPTIONS : ROUTE_BAD_METHOD;
}
