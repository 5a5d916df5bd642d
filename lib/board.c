/* board.c: the versions every worker of one pool shares (see board.h). */
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>
#include <time.h>

#include "clock.h"
#include "board.h"
#include "db.h"
#include "metrics.h"

/*
 * One page shared by the pool. gen counts board_touch calls; the versions
 * are trusted while valid_gen == gen and they were read less than max_age
 * ago. A reader that finds them stale reads them again and publishes them
 * under the gen it saw before its read, so a touch that lands during the
 * read leaves the board stale rather than wrongly fresh.
 */
#define USER_SLOTS	65536	/* per-user counters (a power of two) */

struct board {
	atomic_ullong	 gen;
	atomic_ullong	 valid_gen;
	atomic_llong	 read_us;
	atomic_ullong	 catalog;
	atomic_ullong	 auth;
	atomic_ullong	 userdata;
	atomic_ullong	 generation;
	atomic_ullong	 user[USER_SLOTS];
};

static struct board	*board;
static unsigned long long nothing;	/* without a board: board_user never repeats */

/* *a = max(*a, v): concurrent readers may publish out of order; versions only grow. */
static void
raise_to(atomic_ullong *a, unsigned long long v)
{
	unsigned long long	 cur = atomic_load(a);

	while (cur < v && !atomic_compare_exchange_weak(a, &cur, v))
		;
}

int
board_init(void)
{
	void	*p;

	if (board != NULL)
		return 0;
	p = mmap(NULL, sizeof(*board), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	board = p;
	atomic_store(&board->gen, 1);	/* valid_gen is 0: stale until the first read */
	return 0;
}

/*
 * One read of the counters (and user_id's own, when user_id > 0) into v. The
 * board is raised to what was read, never lowered: a touch still wins.
 */
static int
versions_read(struct db *db, long long user_id, struct versions *v)
{
	struct db_res	*res = NULL;
	int		 rc;

	metrics_board(1);
	if (user_id > 0)
		rc = db_exec(db, STMT_VERSIONS_USER, &res, "i", user_id);
	else
		rc = db_exec(db, STMT_VERSIONS, &res, "");
	if (rc != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1) {
		v->catalog = (unsigned long long)db_int(res, 0);
		v->auth = (unsigned long long)db_int(res, 1);
		v->userdata = (unsigned long long)db_int(res, 2);
		v->generation = (unsigned long long)db_int(res, 3);
		if (user_id > 0)
			v->user = (unsigned long long)db_int(res, 4);
	}
	db_res_free(res);
	if (rc != 1)
		return rc < 0 ? rc : DB_ERR_INTERNAL;
	if (board != NULL) {
		raise_to(&board->catalog, v->catalog);
		raise_to(&board->auth, v->auth);
		raise_to(&board->userdata, v->userdata);
	}
	return DB_OK;
}

int
board_get(struct db *db, long long max_age_ms, struct versions *v)
{
	unsigned long long	 gen = 0;
	long long		 start = clock_us(), age;
	int			 rc;

	if (board != NULL) {
		gen = atomic_load(&board->gen);
		age = start - atomic_load(&board->read_us);
		if (max_age_ms > 0 && atomic_load(&board->valid_gen) == gen &&
		    age >= 0 && age < max_age_ms * 1000) {
			v->catalog = atomic_load(&board->catalog);
			v->auth = atomic_load(&board->auth);
			v->userdata = atomic_load(&board->userdata);
			v->generation = atomic_load(&board->generation);
			metrics_board(0);
			return DB_OK;
		}
	}
	if ((rc = versions_read(db, 0, v)) != DB_OK)
		return rc;
	if (board != NULL) {
		/* Not raised: a rollback makes an older generation active again. */
		atomic_store(&board->generation, v->generation);
		atomic_store(&board->read_us, start);
		atomic_store(&board->valid_gen, gen);
	}
	return DB_OK;
}

int
board_get_user(struct db *db, long long user_id, struct versions *v)
{
	return versions_read(db, user_id, v);
}

int
board_user_raise(struct db *db, long long user_id)
{
	return db_exec(db, STMT_USER_VERSION_RAISE, NULL, "i", user_id);
}

void
board_touch(void)
{
	if (board != NULL)
		atomic_fetch_add(&board->gen, 1);
}

unsigned long long
board_user(long long user_id)
{
	if (board == NULL)
		return ++nothing;
	return atomic_load(&board->user[(unsigned long long)user_id & (USER_SLOTS - 1)]);
}

void
board_user_touch(long long user_id)
{
	if (board != NULL)
		atomic_fetch_add(&board->user[(unsigned long long)user_id & (USER_SLOTS - 1)], 1);
}
