/* h_sessions.c: the caller's logins as devices: list them, sign one or all others out; their last use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_sessions.h"
#include "device.h"
#include "handlers.h"

#define SEEN_SLOTS	4096	/* logins whose last mark this worker remembers (by sid modulo) */
#define SEEN_EVERY	60	/* seconds between two marks of one login's use */

/*
 * When this worker last marked each login used (a slot per sid modulo
 * SEEN_SLOTS): a login asks for a mark at most every SEEN_EVERY seconds per
 * worker, and the statement itself changes the row at most once a minute
 * whichever worker sends it.
 */
static struct seen {
	long long	 sid;
	time_t		 at;
} seen[SEEN_SLOTS];

/* One deferred mark of a login's use: what it needs after the request is gone. */
struct touch {
	struct db	*db;
	long long	 sid;
	int		 has_addr;
	char		 addr[46];
};

const char *
sessions_device(struct req *r, char *label)
{
	device_label(req_str(r, ARG_DEVICE), http_param(r, "HTTP_USER_AGENT"), label);
	return device_address_ok(r->remote_addr) ? r->remote_addr : NULL;
}

/* Write one deferred mark (http_defer), then free it. */
static void
touch_run(void *arg)
{
	struct touch	*t = arg;

	(void)db_sessions_touch(t->db, t->sid, t->has_addr ? t->addr : NULL);
	free(t);
}

void
sessions_seen(struct req *r)
{
	struct seen	*s;
	struct touch	*t;
	time_t		 now = time(NULL);

	if (r->session_id <= 0)
		return;
	s = &seen[(unsigned long long)r->session_id % SEEN_SLOTS];
	if (s->sid == r->session_id && now - s->at >= 0 && now - s->at < SEEN_EVERY)
		return;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return;
	t->db = r->db;
	t->sid = r->session_id;
	if (device_address_ok(r->remote_addr)) {
		t->has_addr = 1;
		snprintf(t->addr, sizeof(t->addr), "%s", r->remote_addr);
	}
	if (http_defer(touch_run, t) == -1) {
		free(t);
		return;
	}
	s->sid = r->session_id;
	s->at = now;
}

/* A login of GET /sessions; arg: the caller's session id, marked current (resp_rows). */
static cJSON *
session_row(struct db_res *res, const void *arg)
{
	const long long	*current = arg;
	cJSON		*s;

	if ((s = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(s, "id", (double)db_int(res, 0));
	json_str(s, "device", db_str(res, 1) != NULL && *db_str(res, 1) != '\0' ?
	    db_str(res, 1) : DEVICE_UNKNOWN);
	json_time(s, "created_at", db_str(res, 2));
	json_time(s, "last_used_at", db_str(res, 3));
	json_str(s, "last_address", db_str(res, 4));
	json_bool(s, "current", db_int(res, 0) == *current);
	return s;
}

const struct input h_sessions_list_in[] = { { ARG_NONE } };

/*
 * GET /sessions (auth): the caller's logins that can still be used, newest
 * use first (at most 100): {id, device, created_at, last_used_at,
 * last_address, current}. last_used_at is coarse (a minute). Answers 200,
 * 401, 503.
 */
int
h_sessions_list(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	int		 rc;

	rc = db_exec(r->db, STMT_SESS_LIST, &res, "ii", r->user_id, r->session_id);
	return resp_rows(w, rc, res, session_row, &r->session_id);
}

const struct input h_session_end_in[] = { { ARG_NONE } };

/*
 * DELETE /sessions/{id} (auth): sign one of the caller's logins out (the
 * current one included): its refresh and access tokens are refused at once
 * by every worker, and its stream stops counting. Answers 204 (also when
 * it had ended already), 401, 404 when the caller has no such login
 * (another user's is 404 too), 503.
 */
int
h_session_end(struct req *r, struct resp *w)
{
	int	 rc;

	rc = db_sessions_end(r->db, r->user_id, req_id(r));
	if (rc == DB_ERR_NOTFOUND)
		return resp_error(w, 404, NULL, "You have no login with that id.");
	if (rc != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}

const struct input h_sessions_end_others_in[] = { { ARG_NONE } };

/*
 * DELETE /sessions (auth): sign every login of the caller out but the
 * current one. Answers 204, 401, 503.
 */
int
h_sessions_end_others(struct req *r, struct resp *w)
{
	long long	 ended;
	int		 rc;

	if ((rc = db_sessions_end_others(r->db, r->user_id, r->session_id, &ended)) != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}
