/* json.h: small helpers over cJSON for the shapes the API returns. */
#ifndef STREAMIFY_JSON_H
#define STREAMIFY_JSON_H

#include <cjson/cJSON.h>

/* Add name: s, or null when s is NULL. Returns the item or NULL when out of memory. */
cJSON	*json_str(cJSON *obj, const char *name, const char *s);

/* Add name: v, or null when isnull. */
cJSON	*json_num(cJSON *obj, const char *name, double v, int isnull);

/* Add name: v rounded to the given decimals, or null when isnull. */
cJSON	*json_round(cJSON *obj, const char *name, double v, int decimals, int isnull);

/*
 * Add name: an ISO 8601 UTC time ("2026-11-25T16:15:10Z") made from a
 * database DATETIME text ("2026-11-25 16:15:10[.ffffff]"), or null when
 * dbtime is NULL or malformed.
 */
cJSON	*json_time(cJSON *obj, const char *name, const char *dbtime);

/* Format a time_t as ISO 8601 UTC into buf (at least 21 bytes). */
void	json_iso_time(long long t, char *buf, unsigned long len);

/* Add name: true/false. */
cJSON	*json_bool(cJSON *obj, const char *name, int v);

/*
 * A new array of the strings of joined, a '|'-separated list as the
 * database keeps genres and aliases (NULL: empty); empty items and items
 * of 128 bytes or more are left out. NULL when out of memory.
 */
cJSON	*json_list(const char *joined);

/*
 * Look for an object, at any depth of root, that has two members of the
 * same name (compared byte for byte after unescaping, so "a" and "\u0061"
 * are the same). Returns 1 with *key pointing at the repeated name (owned
 * by root), 0 when every name is unique, or -1 when out of memory (then the
 * caller must refuse the document: it was not checked).
 */
int	json_duplicate_key(const cJSON *root, const char **key);

#endif
