/* h_streams.c: screens per plan: the stream /play opens, its heartbeat and stop, the account's streams. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "db_streams.h"
#include "handlers.h"

/* A stream object: {id (its login), device, movie_id, title, opened_at, last_seen}. */
static cJSON *
stream_json(const struct stream_info *s, long long current_sid)
{
	cJSON	*o;

	if ((o = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)s->id);
	json_str(o, "device", s->device[0] ? s->device : "Unknown device");
	cJSON_AddNumberToObject(o, "movie_id", (double)s->movie_id);
	json_str(o, "title", s->title);
	json_time(o, "opened_at", s->opened_at);
	json_time(o, "last_seen", s->last_seen);
	if (current_sid >= 0)
		json_bool(o, "current", s->id == current_sid);
	return o;
}

/* The streams of l as an array (current marked unless current_sid < 0), or NULL out of memory. */
static cJSON *
streams_array(const struct stream_list *l, long long current_sid)
{
	cJSON	*arr, *o;
	size_t	 i;

	if ((arr = cJSON_CreateArray()) == NULL)
		return NULL;
	for (i = 0; i < l->shown; i++) {
		if ((o = stream_json(&l->s[i], current_sid)) == NULL) {
			cJSON_Delete(arr);
			return NULL;
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/*
 * 409 too_many_streams: the plan's limit and the streams that hold the
 * screens, so that the app can offer to stop one (DELETE /streams/{id}).
 */
static int
too_many(struct resp *w, int max, const struct stream_list *l)
{
	cJSON	*root;
	char	 msg[160];

	snprintf(msg, sizeof(msg), "Your plan allows %d screen%s at once, and %s in use: stop one "
	    "to watch here.", max, max == 1 ? "" : "s", max == 1 ? "it is" : "they are all");
	if ((root = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddBoolToObject(root, "success", 0);
	cJSON_AddStringToObject(root, "error", "too_many_streams");
	cJSON_AddStringToObject(root, "message", msg);
	cJSON_AddNumberToObject(root, "max_streams", max);
	cJSON_AddItemToObject(root, "streams", streams_array(l, -1));
	return resp_json(w, 409, root);
}

/*
 * Open or go on with the caller's stream on movie_id (db_streams_open).
 * Returns 0 when it is open; else answers 402, 409 (too_many_streams,
 * stream_stopped), 401 (the account is gone) or 503 and returns -1.
 */
static int
stream_open(struct req *r, struct resp *w, long long movie_id, int going_on)
{
	struct stream_list	 others;
	int			 rc, max = 0;

	rc = db_streams_open(r->db, r->user_id, r->session_id, movie_id, going_on,
	    config.stream_timeout, &max, &others);
	switch (rc) {
	case STREAMS_OPENED:
		return 0;
	case STREAMS_FULL:
		too_many(w, max, &others);
		return -1;
	case STREAMS_NO_ACCESS:
		resp_error(w, 402, "payment_required",
		    "Watching needs an active subscription: choose a plan to start one.");
		return -1;
	case STREAMS_STOPPED:
		resp_error(w, 409, "stream_stopped", "This stream was stopped from another device: "
		    "play again to take a screen back.");
		return -1;
	case DB_ERR_NOTFOUND:
		w->www_error = "invalid_token";
		resp_error(w, 401, "invalid_token", "The account no longer exists.");
		return -1;
	default:
		resp_db(w, rc);
		return -1;
	}
}

static void
stream_describe(struct req *r, cJSON *data)
{
	cJSON	*s;

	if ((s = cJSON_AddObjectToObject(data, "stream")) == NULL)
		return;
	cJSON_AddNumberToObject(s, "id", (double)r->session_id);
	cJSON_AddNumberToObject(s, "timeout", (double)config.stream_timeout);
	cJSON_AddNumberToObject(s, "heartbeat_every", (double)(config.stream_timeout / 4));
}

void
streams_progress(struct req *r, long long movie_id)
{
	if (r->session_id > 0)
		(void)db_streams_progress(r->db, r->user_id, r->session_id, movie_id,
		    config.stream_timeout);
}

#define MEDIA_PATH_MAX	600

/* The media path of the route's movie into path. Returns 0, or answers 404 or 503 and returns -1. */
static int
media_path(struct req *r, struct resp *w, char path[MEDIA_PATH_MAX])
{
	int	 rc, found;

	if ((rc = subs_media_path(r->db, req_id(r), &found, path, MEDIA_PATH_MAX)) != DB_OK) {
		resp_db(w, rc);
		return -1;
	}
	if (!found) {
		resp_error(w, 404, NULL, "There is no such movie.");
		return -1;
	}
	return 0;
}

int
streams_play(struct req *r, struct resp *w, int going_on)
{
	cJSON	*data;
	char	 path[MEDIA_PATH_MAX];

	if (media_path(r, w, path) == -1 || stream_open(r, w, req_id(r), going_on) != 0)
		return w->status;
	if ((data = cJSON_CreateObject()) == NULL || subs_play_sign(r, path, data) == -1) {
		cJSON_Delete(data);
		return resp_error(w, 500, NULL, NULL);
	}
	stream_describe(r, data);
	return resp_data(w, 200, data);
}

const struct input h_play_heartbeat_in[] = { { ARG_NONE } };

/*
 * POST /movies/{id}/play/heartbeat (auth): the player of the caller's
 * login is still playing the movie: its stream stays open (or opens again
 * after a timeout, when a screen is free), and a fresh signed URL comes
 * back. Answers 200 {url, expires_at, stream}, 401, 402, 404, 409
 * too_many_streams (with the streams that hold the screens) or
 * stream_stopped (another device stopped it), 500, 503.
 */
int
h_play_heartbeat(struct req *r, struct resp *w)
{
	return streams_play(r, w, 1);
}

const struct input h_play_stop_in[] = { { ARG_NONE } };

/*
 * DELETE /movies/{id}/play (auth): the caller's player stopped: its stream
 * on the movie closes and frees its screen at once. Answers 204 (also when
 * there was none), 401, 404 for no such movie, 503.
 */
int
h_play_stop(struct req *r, struct resp *w)
{
	char	 path[MEDIA_PATH_MAX];
	int	 rc;

	if (media_path(r, w, path) == -1)
		return w->status;
	if ((rc = db_streams_end(r->db, r->session_id, req_id(r))) != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}

const struct input h_streams_list_in[] = { { ARG_NONE } };

/*
 * GET /streams (auth): the account's open streams, newest seen first (the
 * caller's own marked current), and how many the plan allows. Answers 200
 * {results, max_streams}, 401, 503.
 */
int
h_streams_list(struct req *r, struct resp *w)
{
	struct stream_list	 l;
	cJSON			*root, *arr;
	int			 rc, max;

	if ((rc = db_streams_list(r->db, r->user_id, config.stream_timeout, &max, &l)) != DB_OK)
		return resp_db(w, rc);
	if ((root = cJSON_CreateObject()) == NULL || (arr = streams_array(&l, r->session_id)) == NULL) {
		cJSON_Delete(root);
		return resp_error(w, 500, NULL, NULL);
	}
	cJSON_AddItemToObject(root, "results", arr);
	cJSON_AddNumberToObject(root, "max_streams", max);
	return resp_json(w, 200, root);
}

const struct input h_stream_stop_in[] = { { ARG_NONE } };

/*
 * DELETE /streams/{id} (auth): stop the stream of one of the caller's
 * logins (id: the login, as GET /streams and a 409 too_many_streams list
 * it) and free its screen at once. Another device's stays stopped (its
 * heartbeats get 409 stream_stopped) until it plays anew; the caller's own
 * simply closes. Answers 204 (also when it had none), 401, 404 when the
 * caller has no such login, 503.
 */
int
h_stream_stop(struct req *r, struct resp *w)
{
	int	 rc;

	if (req_id(r) == r->session_id)
		rc = db_streams_end(r->db, r->session_id, 0);
	else
		rc = db_streams_stop(r->db, r->user_id, req_id(r));
	if (rc == DB_ERR_NOTFOUND)
		return resp_error(w, 404, NULL, "You have no login with that id.");
	if (rc != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}
