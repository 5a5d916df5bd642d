/* h_accounts.c: accounts: register, login, tokens, profile, and the admin movie routes. */
#include "handlers.h"

const struct input h_register_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_register(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_login_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_login(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_token_refresh_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_token_refresh(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_logout_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_logout(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_profile_get_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_profile_get(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_profile_patch_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_profile_patch(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_profile_delete_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_profile_delete(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_admin_movie_create_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_admin_movie_create(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_admin_movie_update_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_admin_movie_update(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_admin_movie_delete_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_admin_movie_delete(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}
