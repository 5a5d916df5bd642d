/* fuzz-uri.c: libFuzzer target for the request line: the API path and the query string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uri_query	 q;
	char			*s, path[512];
	size_t			 i;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)uri_api_path(s, path, sizeof(path));
	if (uri_query_parse(&q, s) == 0) {
		for (i = 0; i < q.n; i++)
			if (strlen(q.p[i].key) > size || strlen(q.p[i].val) > size)
				abort();
		(void)uri_query_get(&q, "page");
		uri_query_free(&q);
	}
	free(s);
	return 0;
}
