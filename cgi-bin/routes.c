/* routes.c: the route table: what each path answers, who may call it, what it reads. */
#include "handlers.h"

#define N	AUTH_NONE
#define O	AUTH_OPTIONAL
#define R	AUTH_REQUIRED
#define A	AUTH_ADMIN
#define CACHE	ROUTE_CACHE
#define BODY	ROUTE_BODY
#define DEBUG	ROUTE_DEBUG
#define PERSONAL ROUTE_PERSONAL
#define INTERNAL ROUTE_INTERNAL
#define TOUCH	ROUTE_TOUCH	/* ends logins or changes the catalog: every worker checks at once */

/* Patterns are below the /api or /api/v1 prefix; "{id}" is a positive integer. */
const struct route api_routes[] = {
	/* operations */
	{ "GET",    "/health",                    h_health,        N, h_health_in, 0 },
	{ "GET",    "/metrics",                   h_metrics,       N, h_metrics_in, INTERNAL },
	{ "GET",    "/debug/sleep",               h_debug_sleep,   N, h_debug_sleep_in, DEBUG },
	{ "POST",   "/debug/echo",                h_debug_echo,    N, h_debug_echo_in, BODY | DEBUG },
	/* catalog */
	{ "GET",    "/movies",                    h_movies_list,   O, h_movies_list_in, CACHE },
	{ "GET",    "/movies/popular",            h_movies_popular, O, h_movies_popular_in, CACHE },
	{ "GET",    "/movies/trending",           h_movies_trending, O, h_movies_trending_in, CACHE },
	{ "GET",    "/movies/search",             h_search,        O, h_search_in, CACHE },
	{ "GET",    "/search",                    h_search,        O, h_search_in, CACHE },
	{ "GET",    "/search/suggest",            h_search_suggest, O, h_search_suggest_in, CACHE },
	{ "GET",    "/movies/{id}",               h_movie_get,     O, h_movie_get_in, CACHE | PERSONAL },
	{ "GET",    "/movies/{id}/credits",       h_movie_credits, O, h_movie_credits_in, CACHE },
	{ "GET",    "/movies/{id}/similar",       h_movie_similar, O, h_movie_similar_in, CACHE },
	{ "GET",    "/movies/{id}/recommendations", h_movie_similar, O, h_movie_similar_in, CACHE },
	{ "GET",    "/genres",                    h_genres,        O, h_genres_in, CACHE },
	{ "GET",    "/languages",                 h_languages,     O, h_languages_in, CACHE },
	/* accounts */
	{ "POST",   "/register",                  h_register,      N, h_register_in, BODY },
	{ "POST",   "/login",                     h_login,         N, h_login_in, BODY },
	{ "POST",   "/token/refresh",             h_token_refresh, N, h_token_refresh_in, BODY },
	{ "POST",   "/logout",                    h_logout,        R, h_logout_in, BODY | TOUCH },
	{ "GET",    "/profile",                   h_profile_get,   R, h_profile_get_in, 0 },
	{ "PATCH",  "/profile",                   h_profile_patch, R, h_profile_patch_in, BODY | TOUCH },
	{ "DELETE", "/profile",                   h_profile_delete, R, h_profile_delete_in, BODY | TOUCH },
	{ "POST",   "/password/forgot",           h_password_forgot, N, h_password_forgot_in, BODY },
	{ "POST",   "/password/reset",            h_password_reset, N, h_password_reset_in, BODY | TOUCH },
	{ "POST",   "/email/verify",              h_email_verify,  N, h_email_verify_in, BODY },
	{ "POST",   "/email/verify/resend",       h_email_verify_resend, R, h_email_verify_resend_in, 0 },
	{ "GET",    "/sessions",                  h_sessions_list, R, h_sessions_list_in, 0 },
	{ "DELETE", "/sessions",                  h_sessions_end_others, R, h_sessions_end_others_in, TOUCH },
	{ "DELETE", "/sessions/{id}",             h_session_end,   R, h_session_end_in, TOUCH },
	/* admin */
	{ "POST",   "/admin/movies",              h_admin_movie_create, A, h_admin_movie_create_in, BODY | TOUCH },
	{ "PATCH",  "/admin/movies/{id}",         h_admin_movie_update, A, h_admin_movie_update_in, BODY | TOUCH },
	{ "DELETE", "/admin/movies/{id}",         h_admin_movie_delete, A, h_admin_movie_delete_in, TOUCH },
	/* library */
	{ "GET",    "/watchlist",                 h_watchlist_list, R, h_watchlist_list_in, 0 },
	{ "POST",   "/watchlist/{id}",            h_watchlist_add, R, h_watchlist_add_in, 0 },
	{ "DELETE", "/watchlist/{id}",            h_watchlist_remove, R, h_watchlist_remove_in, 0 },
	{ "GET",    "/favorites",                 h_favorites_list, R, h_favorites_list_in, 0 },
	{ "POST",   "/favorites/{id}",            h_favorites_add, R, h_favorites_add_in, 0 },
	{ "DELETE", "/favorites/{id}",            h_favorites_remove, R, h_favorites_remove_in, 0 },
	{ "PUT",    "/history/{id}",              h_history_put,   R, h_history_put_in, BODY },
	{ "GET",    "/history",                   h_history_list,  R, h_history_list_in, 0 },
	{ "GET",    "/continue-watching",         h_continue_list, R, h_continue_list_in, 0 },
	{ "DELETE", "/continue-watching/{id}",    h_continue_hide, R, h_continue_hide_in, 0 },
	{ "PUT",    "/ratings/{id}",              h_rating_put,    R, h_rating_put_in, BODY },
	{ "DELETE", "/ratings/{id}",              h_rating_delete, R, h_rating_delete_in, 0 },
	{ "GET",    "/ratings",                   h_ratings_list,  R, h_ratings_list_in, 0 },
	/* recommendations */
	{ "GET",    "/recommendations",           h_recommendations, R, h_recommendations_in, 0 },
	/* subscriptions, payments, notifications, playback */
	{ "GET",    "/plans",                     h_plans,         N, h_plans_in, CACHE },
	{ "GET",    "/subscription",              h_subscription_get, R, h_subscription_get_in, 0 },
	{ "POST",   "/subscription",              h_subscription_create, R, h_subscription_create_in, BODY },
	{ "DELETE", "/subscription",              h_subscription_cancel, R, h_subscription_cancel_in, 0 },
	{ "GET",    "/payments",                  h_payments_list, R, h_payments_list_in, 0 },
	{ "GET",    "/movies/{id}/play",          h_movie_play,    R, h_movie_play_in, 0 },
	{ "DELETE", "/movies/{id}/play",          h_play_stop,     R, h_play_stop_in, 0 },
	{ "POST",   "/movies/{id}/play/heartbeat", h_play_heartbeat, R, h_play_heartbeat_in, 0 },
	{ "GET",    "/streams",                   h_streams_list,  R, h_streams_list_in, 0 },
	{ "DELETE", "/streams/{id}",              h_stream_stop,   R, h_stream_stop_in, 0 },
	{ "GET",    "/media-auth",                h_media_auth,    N, h_media_auth_in, INTERNAL },
	{ "GET",    "/notifications",             h_notifications_list, R, h_notifications_list_in, 0 },
	{ "POST",   "/notifications/{id}/read",   h_notification_read, R, h_notification_read_in, 0 },
	{ "POST",   "/notifications/read-all",    h_notifications_read_all, R, h_notifications_read_all_in, 0 },
};

const size_t api_nroutes = sizeof(api_routes) / sizeof(api_routes[0]);
