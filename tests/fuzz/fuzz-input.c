/* fuzz-input.c: libFuzzer target for JSON body parsing and validation against declared inputs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

static const struct input inputs[] = {
	{ ARG_USERNAME, IN_BODY, IN_STR, IN_REQUIRED, 3, 32 },
	{ ARG_COUNT, IN_BODY, IN_INT, 0, 1, 100 },
	{ ARG_SCORE, IN_BODY, IN_NUM, IN_NULLABLE, 0.5, 5 },
	{ ARG_FLAG, IN_BODY, IN_BOOL, 0, 0, 0 },
	{ ARG_PAGE, IN_QUERY, IN_INT, 0, 1, 100000 },
	{ ARG_Q, IN_QUERY, IN_STR, 0, 1, 200 },
	{ ARG_NONE }
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in_value		 vals[INPUT_MAX];
	struct uri_query	 q;
	cJSON			*body, *fields;
	char			*s;
	const char		*split;

	/* The first line is a query string, the rest a body. */
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	split = memchr(s, '\n', size);
	if (split != NULL)
		s[split - s] = '\0';
	body = split ? input_parse_body(split + 1, size - (size_t)(split + 1 - s)) : NULL;
	if (uri_query_parse(&q, s) == 0) {
		fields = input_check(inputs, &q, body, vals);
		if (fields == NULL && vals[0].s == NULL && body != NULL)
			abort();	/* username is required: no problems means it was read */
		cJSON_Delete(fields);
		uri_query_free(&q);
	}
	cJSON_Delete(body);
	free(s);
	return 0;
}
