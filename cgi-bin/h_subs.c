/* h_subs.c: plans, subscriptions, payments, notifications and the playback gate. */
#include "handlers.h"

const struct input h_plans_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_plans(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_subscription_get_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_subscription_get(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_subscription_create_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_subscription_create(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_subscription_cancel_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_subscription_cancel(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_payments_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_payments_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_movie_play_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_movie_play(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_media_auth_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_media_auth(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_notifications_list_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_notifications_list(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_notification_read_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_notification_read(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

const struct input h_notifications_read_all_in[] = { { NULL } };

/* Not built yet: answers 500. */
int
h_notifications_read_all(struct req *r, struct resp *w)
{
	return resp_error(w, 500, "internal", "Not implemented yet.");
}

cJSON *
subs_video_url(struct req *r, long long movie_id)
{
	(void)r;
	(void)movie_id;
	return cJSON_CreateNull();
}

cJSON *
subs_profile_subscription(struct req *r)
{
	(void)r;
	return cJSON_CreateNull();
}
