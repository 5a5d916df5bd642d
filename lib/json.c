/* json.c: small helpers over cJSON for the shapes the API returns. */
#include <math.h>
#include <stdio.h>
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
