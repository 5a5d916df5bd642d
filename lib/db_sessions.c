/* db_sessions.c: a user's logins as devices: end one or all others, note their use. */
#include "db_sessions.h"

#define REASON_SIGNED_OUT	"signed_out"	/* sessions.revoke_reason of an ended device */

int
db_sessions_end(struct db *db, long long user_id, long long sid)
{
	struct db_res	*res = NULL;
	int		 rc, valid = 0;

	if ((rc = db_exec(db, STMT_SESS_OWNED, &res, "ii", sid, user_id)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1)
		valid = db_int(res, 0) != 0;
	db_res_free(res);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return DB_ERR_NOTFOUND;
	if (!valid)
		return DB_OK;
	return db_exec(db, STMT_ACC_SESSION_REVOKE, NULL, "sii", REASON_SIGNED_OUT, sid, user_id);
}

int
db_sessions_end_others(struct db *db, long long user_id, long long keep_sid, long long *ended)
{
	int	 rc;

	*ended = 0;
	if ((rc = db_exec(db, STMT_ACC_SESSION_REVOKE_OTHERS, NULL, "sii", REASON_SIGNED_OUT,
	    user_id, keep_sid)) != DB_OK)
		return rc;
	*ended = db_affected(db);
	return DB_OK;
}

int
db_sessions_touch(struct db *db, long long sid, const char *address)
{
	return db_exec(db, STMT_SESS_TOUCH, NULL, "si", address, sid);
}
