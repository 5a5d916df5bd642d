/* fuzz-route.c: libFuzzer target for the route matcher over the real route table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "X" };
	long long	 ids[ROUTE_MAX_IDS];
	char		*s, allow[64], path[512];
	size_t		 idx;
	enum route_match m;

	if (size < 1 || (s = malloc(size)) == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (uri_api_path(s, path, sizeof(path)) == 0) {
		m = route_lookup(api_routes, api_nroutes, methods[data[0] % 7], path, &idx, ids,
		    allow, sizeof(allow));
		if (m == ROUTE_FOUND && (idx >= api_nroutes || ids[0] < 0))
			abort();
		if (m == ROUTE_BAD_METHOD && allow[0] == '\0')
			abort();
	}
	free(s);
	return 0;
}
