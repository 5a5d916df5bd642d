/* json.c: small helpers over cJSON for the shapes the API returns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"

cJSON *
json_str(cJSON *obj, const char *name, const char *s)
{
	return s ? cJSON_AddStringToObject(obj, name, s) : cJSON_AddNullToObject(obj, name);
}

cJSON *
json_num(cJSON *obj, const char *name, double v, int isnull)
{
	return isnull ? cJSON_AddNullToObject(obj, name) : cJSON_AddNumberToObject(obj, name, v);
}

cJSON *
json_round(cJSON *obj, const char *name, double v, int decimals, int isnull)
{
	double	 f = pow(10, decimals);

	return json_num(obj, name, round(v * f) / f, isnull);
}

cJSON *
json_time(cJSON *obj, const char *name, const char *t)
{
	char	 buf[24];

	/* "YYYY-MM-DD HH:MM:SS" (optionally with fractions) -> "YYYY-MM-DDTHH:MM:SSZ" */
	if (t == NULL || strlen(t) < 19 || t[4] != '-' || t[10] != ' ')
		return cJSON_AddNullToObject(obj, name);
	memcpy(buf, t, 19);
	buf[10] = 'T';
	buf[19] = 'Z';
	buf[20] = '\0';
	return cJSON_AddStringToObject(obj, name, buf);
}

void
json_iso_time(long long t, char *buf, unsigned long len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

cJSON *
json_bool(cJSON *obj, const char *name, int v)
{
	return cJSON_AddBoolToObject(obj, name, v);
}

cJSON *
json_list(const char *joined)
{
	cJSON		*arr = cJSON_CreateArray();
	const char	*p, *bar;
	char		 item[128];
	size_t		 len;

	for (p = joined; arr != NULL && p != NULL && *p != '\0'; p = bar ? bar + 1 : NULL) {
		bar = strchr(p, '|');
		len = bar ? (size_t)(bar - p) : strlen(p);
		if (len > 0 && len < sizeof(item)) {
			memcpy(item, p, len);
			item[len] = '\0';
			cJSON_AddItemToArray(arr, cJSON_CreateString(item));
		}
	}
	return arr;
}

/* Names of an object with at most this many members are compared pair by pair. */
#define DUP_PAIRWISE	16

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The repeated member name of one object (not its children), as json_duplicate_key. */
static int
object_duplicate(const cJSON *obj, const char **key)
{
	const cJSON	*a, *b;
	const char	**names;
	size_t		 n = 0, i;
	int		 rc = 0;

	for (a = obj->child; a != NULL; a = a->next)
		n++;
	if (n <= DUP_PAIRWISE) {
		for (a = obj->child; a != NULL; a = a->next)
			for (b = a->next; b != NULL; b = b->next)
				if (a->string != NULL && b->string != NULL &&
				    strcmp(a->string, b->string) == 0) {
					*key = a->string;
					return 1;
				}
		return 0;
	}
	/* Many members: sort their names, then neighbours tell (O(n log n), not n^2). */
	if ((names = calloc(n, sizeof(*names))) == NULL)
		return -1;
	for (i = 0, a = obj->child; a != NULL; a = a->next)
		names[i++] = a->string != NULL ? a->string : "";
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 1; i < n && rc == 0; i++)
		if (strcmp(names[i - 1], names[i]) == 0) {
			*key = names[i];
			rc = 1;
		}
	free(names);
	return rc;
}

int
json_duplicate_key(const cJSON *item, const char **key)
{
	const cJSON	*c;
	int		 rc;

	*key = NULL;
	if (item == NULL)
		return 0;
	if (cJSON_IsObject(item) && (rc = object_duplicate(item, key)) != 0)
		return rc;
	if (cJSON_IsObject(item) || cJSON_IsArray(item))
		for (c = item->child; c != NULL; c = c->next)
			if ((rc = json_duplicate_key(c, key)) != 0)
				return rc;
	return 0;
}
