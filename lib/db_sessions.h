/* db_sessions.h: a user's logins as devices: end one or all others, note their use. */
#ifndef STREAMIFY_DB_SESSIONS_H
#define STREAMIFY_DB_SESSIONS_H

#include "db.h"

/*
 * End login sid of user_id: it is revoked (its access and refresh tokens
 * stop, and its stream, if any, no longer counts). Returns DB_OK when it is
 * ended now or was ended already, DB_ERR_NOTFOUND when user_id has no such
 * login, or another db_rc error. The caller raises the pool's board
 * (board_touch) after DB_OK so every worker drops what it remembered.
 */
int	db_sessions_end(struct db *db, long long user_id, long long sid);

/*
 * End every login of user_id but keep_sid. *ended receives how many were
 * ended. Returns DB_OK or a db_rc error; the caller raises the board.
 */
int	db_sessions_end_others(struct db *db, long long user_id, long long keep_sid,
	    long long *ended);

/*
 * Note that login sid was used now from address (NULL: unknown). The row
 * changes at most once a minute, whoever asks. Returns DB_OK or a db_rc
 * error.
 */
int	db_sessions_touch(struct db *db, long long sid, const char *address);

#endif
