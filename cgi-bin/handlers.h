/* handlers.h: every route handler and the inputs it declares (defined in the h_*.c files). */
#ifndef STREAMIFY_HANDLERS_H
#define STREAMIFY_HANDLERS_H

#include "api.h"

#define HANDLER(name) \
	int name(struct req *, struct resp *); \
	extern const struct input name##_in[]

/* h_health.c: operations and test-only routes */
HANDLER(h_health);
HANDLER(h_debug_sleep);
HANDLER(h_debug_echo);

/* h_catalog.c: the catalog */
HANDLER(h_movies_list);
HANDLER(h_movies_popular);
HANDLER(h_search);
HANDLER(h_movie_get);
HANDLER(h_movie_credits);
HANDLER(h_genres);

/* h_recs.c: similar movies and recommendations */
HANDLER(h_movie_similar);
HANDLER(h_recommendations);

/* h_accounts.c: accounts and admin */
HANDLER(h_register);
HANDLER(h_login);
HANDLER(h_token_refresh);
HANDLER(h_logout);
HANDLER(h_profile_get);
HANDLER(h_profile_patch);
HANDLER(h_profile_delete);
HANDLER(h_admin_movie_create);
HANDLER(h_admin_movie_update);
HANDLER(h_admin_movie_delete);

/* authn.c: the access-token key (config jwt_secret) into key; returns its length or -1. */
int	accounts_jwt_key(unsigned char key[512]);

/* h_library.c: the user's library */
HANDLER(h_watchlist_list);
HANDLER(h_watchlist_add);
HANDLER(h_watchlist_remove);
HANDLER(h_favorites_list);
HANDLER(h_favorites_add);
HANDLER(h_favorites_remove);
HANDLER(h_history_put);
HANDLER(h_history_list);
HANDLER(h_continue_list);
HANDLER(h_continue_hide);
HANDLER(h_rating_put);
HANDLER(h_rating_delete);
HANDLER(h_ratings_list);

/* h_subs.c: plans, subscriptions, payments, notifications, playback */
HANDLER(h_plans);
HANDLER(h_subscription_get);
HANDLER(h_subscription_create);
HANDLER(h_subscription_cancel);
HANDLER(h_payments_list);
HANDLER(h_movie_play);
HANDLER(h_media_auth);
HANDLER(h_notifications_list);
HANDLER(h_notification_read);
HANDLER(h_notifications_read_all);

#undef HANDLER

/*
 * Hooks between capabilities: each is defined in its owner's file and
 * called by another's handler. Each returns a new object the caller owns.
 */

/* h_library.c: user_state of a movie for r->user_id, or NULL when anonymous or on error. */
cJSON	*library_user_state(struct req *r, long long movie_id);

/* h_library.c: add watchlist_count, favorites_count, watched_count to stats. Returns 0 or a db_rc. */
int	 library_profile_stats(struct req *r, cJSON *stats);

/* h_subs.c: the video_url of a movie for r (a string, or JSON null without an active subscription). */
cJSON	*subs_video_url(struct req *r, long long movie_id);

/* h_subs.c: the caller's subscription for the profile (an object, or JSON null). */
cJSON	*subs_profile_subscription(struct req *r);

/* h_recs.c: the similar movies of a movie (array of summary + score), never NULL unless out of memory. */
cJSON	*recs_similar(struct req *r, long long movie_id, int limit);

#endif
