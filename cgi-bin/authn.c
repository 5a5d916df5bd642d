/* authn.c: bearer-token authentication of a request (the accounts capability fills this in). */
#include "handlers.h"

int
api_authenticate(struct req *r, struct resp *w)
{
	if (r->authorization == NULL)
		return 0;
	w->www_error = "invalid_token";
	return resp_error(w, 401, "invalid_token", "The access token is not valid.");
}
