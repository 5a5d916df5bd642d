/* handlers.h: every route handler and the inputs it declares (defined in the h_*.c files). */
#ifndef STREAMIFY_HANDLERS_H
#define STREAMIFY_HANDLERS_H

#include "api.h"
#include "viewer.h"

#define HANDLER(name) \
	int name(struct req *, struct resp *); \
	extern const struct input name##_in[]

/* h_health.c: operations and test-only routes */
HANDLER(h_health);
HANDLER(h_metrics);
HANDLER(h_debug_sleep);
HANDLER(h_debug_echo);

/* h_catalog.c: the catalog */
HANDLER(h_movies_list);
HANDLER(h_movies_popular);
HANDLER(h_search);
HANDLER(h_movie_get);
HANDLER(h_movie_credits);
HANDLER(h_genres);
HANDLER(h_languages);

/* h_suggest.c: completions while typing */
HANDLER(h_search_suggest);

/* h_trending.c: trending movies */
HANDLER(h_movies_trending);

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

/* h_recovery.c: a forgotten password, e-mail verification */
HANDLER(h_password_forgot);
HANDLER(h_password_reset);
HANDLER(h_email_verify);
HANDLER(h_email_verify_resend);

/* h_sessions.c: the caller's logins as devices */
HANDLER(h_sessions_list);
HANDLER(h_session_end);
HANDLER(h_sessions_end_others);

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

/* h_streams.c: screens per plan */
HANDLER(h_play_heartbeat);
HANDLER(h_play_stop);
HANDLER(h_streams_list);
HANDLER(h_stream_stop);

#undef HANDLER

/*
 * Hooks between capabilities: each is defined in its owner's file and
 * called by another's handler. Each returns a new object the caller owns.
 */

/* h_library.c: the user_state object of a viewer's state of a movie (viewer.h). */
cJSON	*library_user_state(const struct viewer_movie *m);

/* h_library.c: add watchlist_count, favorites_count, watched_count (3 columns at col) to stats. */
void	 library_profile_stats(struct db_res *res, int col, cJSON *stats);

/* h_subs.c: the video_url of a movie for r (a string, or JSON null without access). */
cJSON	*subs_video_url(struct req *r, int access, const char *video_path);

/*
 * h_subs.c: read movies.video_path of movie_id into path ("" when none);
 * *found 0 when there is no such movie. Returns DB_OK or a db_rc.
 */
int	 subs_media_path(struct db *db, long long movie_id, int *found, char *path, size_t len);

/*
 * h_subs.c: add to data the signed URL of a media file (video_path, "" for
 * the sample) for r's user, "url", and its "expires_at" (play_ttl from
 * now). Returns 0, or -1 (logged) when it cannot be made.
 */
int	 subs_play_sign(struct req *r, const char *video_path, cJSON *data);

/*
 * h_accounts.c: the failure counts of a throttling row (STMT_ACC_THROTTLE_STATE,
 * STMT_REC_THROTTLE_STATE: pair, account, its last age, address, its last
 * age, in columns 0 to 4; a NULL age is long ago) into st.
 */
struct throttle_state;
void	 account_throttle_row(struct db_res *res, struct throttle_state *st);

/*
 * h_accounts.c: the age of the pair's oldest counted failure (the row of
 * STMT_ACC_FAIL_NTH or STMT_REC_NTH; none: 0, the limit's window is full
 * now) into st, and res freed. Returns DB_OK or a db_rc error.
 */
int	 account_throttle_oldest(struct db_res *res, struct throttle_state *st);

/*
 * h_accounts.c: check a new password for the account name / email by the
 * password policy (lib/pwpolicy.h). Returns 0 when it may be chosen; else
 * answers 400 naming password with the reason (500 when the dictionary
 * cannot be read) and returns -1. Register, profile and reset use it.
 */
int	 account_password_ok(struct resp *w, const char *pw, const char *name,
	    const char *email);

/*
 * h_streams.c: the answer of GET /movies/{id}/play (going_on 0: the login's
 * stream moves to this movie) and of its heartbeat (going_on 1): the
 * stream opened or kept when the plan's screens allow, and a signed URL of
 * the movie's media: 200 {url, expires_at, stream}, else 401, 402, 404,
 * 409 or 503. Returns the status.
 */
int	 streams_play(struct req *r, struct resp *w, int going_on);

/*
 * h_streams.c: r's player reported progress on movie_id (PUT /history): its
 * stream on that movie goes on, or opens again after a timeout when a
 * screen is free. Never fails the report.
 */
void	 streams_progress(struct req *r, long long movie_id);

/* h_subs.c: the subscription from SUBS_SUB_COLS at col (an object, or JSON null when none). */
cJSON	*subs_profile_subscription(struct db_res *res, int col);

/*
 * h_sessions.c: the device label of a new login of r's client into label
 * (DEVICE_LABEL_MAX bytes: the body's "device", else read from the
 * User-Agent); returns the client's address, or NULL when it is none.
 */
const char *sessions_device(struct req *r, char *label);

/*
 * h_sessions.c: note that r's login (r->session_id) is in use: after the
 * answer is out (http_defer), at most once a minute per login and worker.
 */
void	 sessions_seen(struct req *r);

/*
 * h_recovery.c: make a verification link for user uid's address email (the
 * previous ones stop working) and mail it after the answer. Failures are
 * logged: the user can ask again (POST /email/verify/resend).
 */
void	 recovery_verify_mail(struct req *r, long long uid, const char *email);

/*
 * h_recovery.c: whether r's user may subscribe as to e-mail verification
 * (setting unverified_may_subscribe). Returns 0, or answers 403
 * email_unverified (503) and returns -1.
 */
int	 recovery_may_subscribe(struct req *r, struct resp *w);

#endif
