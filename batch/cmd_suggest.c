/* cmd_suggest.c: streamify-batch suggest: the dictionary of completions (titles, people, genres), as a new generation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "clock.h"
#include "batch.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "hex.h"
#include "suggest.h"

#define TX_ROWS		2000	/* entries written per transaction */

/* One entry of the dictionary. */
struct row {
	int		 kind;
	long long	 id;
	double		 popularity;
	char		*text;
	char		*keys;
};

/* The dictionary being made, and the hash of its rows (in the order read). */
struct dict {
	struct row	*r;
	size_t		 n, cap;
	size_t		 count[4];	/* by kind */
	size_t		 keys;		/* keys in all */
	struct crypto_sha256 *md;
};

static void
dict_free(struct dict *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		free(d->r[i].text);
		free(d->r[i].keys);
	}
	free(d->r);
	crypto_sha256_end(d->md, NULL);
	memset(d, 0, sizeof(*d));
}

/* Add one entry, its keys made by suggest_keys. Returns 0, or -1 when out of memory. */
static int
dict_add(struct dict *d, int kind, long long id, double popularity, const char *text,
    const char *alternates)
{
	char		 keys[SUGGEST_KEYS_MAX], line[64];
	struct row	*r, *q;
	size_t		 len, i;

	if (text == NULL || *text == '\0' ||
	    (len = suggest_keys((enum suggest_kind)kind, text, alternates, keys)) == 0)
		return 0;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 4096;
		if ((q = realloc(d->r, d->cap * sizeof(*q))) == NULL)
			return -1;
		d->r = q;
	}
	r = &d->r[d->n];
	r->kind = kind;
	r->id = id;
	r->popularity = popularity;
	if ((r->text = strdup(text)) == NULL || (r->keys = strdup(keys)) == NULL) {
		free(r->text);
		return -1;
	}
	/* Text up to 300 characters, as the column holds. */
	for (i = 0, len = 0; r->text[i] != '\0'; i++)
		if ((r->text[i] & 0xc0) != 0x80 && ++len > 300) {
			r->text[i] = '\0';
			break;
		}
	d->n++;
	d->count[kind]++;
	for (i = 0, d->keys++; keys[i] != '\0'; i++)
		d->keys += keys[i] == '|';
	snprintf(line, sizeof(line), "%d\t%lld\t%.9g\t", kind, id, popularity);
	crypto_sha256_add(d->md, line, strlen(line));
	crypto_sha256_add(d->md, r->text, strlen(r->text) + 1);
	crypto_sha256_add(d->md, r->keys, strlen(r->keys) + 1);
	return 0;
}

/*
 * Read the entries of one kind (stmt's rows: id, text, popularity, and
 * alternates when alt_col >= 0) into d. Returns a db_rc.
 */
static int
dict_read(struct db *db, struct dict *d, enum stmt_id stmt, int kind, int alt_col)
{
	struct db_res	*res = NULL;
	int		 rc;

	if ((rc = db_exec(db, stmt, &res, "")) != DB_OK)
		return rc;
	while ((rc = db_next(res)) == 1)
		if (dict_add(d, kind, db_int(res, 0), db_double(res, 2), db_str(res, 1),
		    alt_col >= 0 ? db_str(res, alt_col) : NULL) == -1) {
			rc = DB_ERR_INTERNAL;
			break;
		}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* Write d as generation gen: SUGGEST_ROWS entries a statement, TX_ROWS a transaction. Returns a db_rc. */
static int
dict_write(struct db *db, const struct dict *d, long long gen)
{
	const struct row	*r;
	size_t			 i = 0, j, end;
	int			 rc;

#define ROW(k)	gen, (long long)r[k].kind, r[k].id, r[k].popularity, r[k].text, r[k].keys
	while (i < d->n) {
		end = i + TX_ROWS < d->n ? i + TX_ROWS : d->n;
		if ((rc = db_begin(db)) != DB_OK)
			return rc;
		for (; i + SUGGEST_ROWS <= end; i += SUGGEST_ROWS) {
			r = &d->r[i];
			if ((rc = db_exec(db, STMT_SUGGEST_PUT_MANY, NULL, "iiidss" "iiidss" "iiidss"
			    "iiidss" "iiidss" "iiidss" "iiidss" "iiidss", ROW(0), ROW(1), ROW(2), ROW(3),
			    ROW(4), ROW(5), ROW(6), ROW(7))) != DB_OK)
				goto fail;
		}
		for (j = i; j < end; j++, i++) {
			r = &d->r[j];
			if ((rc = db_exec(db, STMT_SUGGEST_PUT, NULL, "iiidss", ROW(0))) != DB_OK)
				goto fail;
		}
		if ((rc = db_commit(db)) != DB_OK)
			goto fail;
	}
#undef ROW
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

/* Take the run lock (1), or not (0: another run holds it), or a db_rc error. */
static int
run_lock(struct db *db, enum stmt_id stmt)
{
	struct db_res	*res = NULL;
	int		 rc;

	if ((rc = db_exec(db, stmt, &res, "")) != DB_OK)
		return rc;
	rc = db_next(res) == 1 && db_int(res, 0) == 1;
	db_res_free(res);
	return rc;
}

int
cmd_suggest(int argc, char *argv[])
{
	static const char	 help[] =
	    "usage: streamify-batch suggest\n"
	    "\n"
	    "Makes the dictionary GET /search/suggest completes from: every title (with its\n"
	    "other titles), every person in a cast or directing (as popular as their most\n"
	    "popular movie) and every genre with movies (with its other spellings), each with\n"
	    "the normalised keys it is found by. When it differs from the active one it is\n"
	    "written as a new generation, switched to in one statement (the workers load it\n"
	    "then) and the others are dropped; otherwise nothing is written. Run it after\n"
	    "imports and every 15 minutes with trending (etc/streamify.cron).\n";
	struct dict		 d;
	struct db_res		*res = NULL;
	struct db		*db;
	double			 t0;
	unsigned char		 sum[32], old[32];
	char			 hex[2 * CRYPTO_SHA256_LEN + 1];
	long long		 active = 0, gen = 0, dropped = 0, n;
	int			 rc, locked = 0, same = 0;

	if ((rc = batch_no_options(argc, argv, help)) != -1)
		return rc;
	t0 = clock_s();
	memset(&d, 0, sizeof(d));
	memset(old, 0, sizeof(old));
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "streamify-batch suggest: cannot reach the database\n");
		db_close(db);
		return 1;
	}
	if ((d.md = crypto_sha256_new()) == NULL) {
		rc = DB_ERR_INTERNAL;
		goto fail;
	}
	if ((locked = run_lock(db, STMT_SUGGEST_LOCK)) == 0) {
		fprintf(stderr, "streamify-batch suggest: another run is writing: nothing done\n");
		db_close(db);
		dict_free(&d);
		return 1;
	}
	if (locked != 1) {
		rc = locked;
		goto fail;
	}
	if ((rc = dict_read(db, &d, STMT_SUGGEST_TITLES, SUGGEST_TITLE, 3)) != DB_OK ||
	    (rc = dict_read(db, &d, STMT_SUGGEST_PEOPLE, SUGGEST_PERSON, -1)) != DB_OK ||
	    (rc = dict_read(db, &d, STMT_SUGGEST_GENRES, SUGGEST_GENRE, 3)) != DB_OK)
		goto fail;
	crypto_sha256_end(d.md, hex);
	d.md = NULL;
	if (hex_decode(hex, 2 * CRYPTO_SHA256_LEN, sum, sizeof(sum)) != (int)sizeof(sum)) {
		rc = DB_ERR_INTERNAL;
		goto fail;
	}
	if ((rc = db_exec(db, STMT_SUGGEST_ACTIVE, &res, "")) != DB_OK)
		goto fail;
	if ((rc = db_next(res)) == 1) {
		active = db_int(res, 0);
		if (db_len(res, 1) == sizeof(old))
			memcpy(old, db_str(res, 1), sizeof(old));
	}
	db_res_free(res);
	if (rc < 0)
		goto fail;
	same = active > 0 && memcmp(old, sum, sizeof(sum)) == 0;
	if (!same) {
		if ((rc = db_exec(db, STMT_SUGGEST_NEXT, &res, "")) != DB_OK)
			goto fail;
		if ((rc = db_next(res)) == 1)
			gen = db_int(res, 0);
		db_res_free(res);
		if (rc < 0)
			goto fail;
		if ((rc = dict_write(db, &d, gen)) != DB_OK ||
		    (rc = db_exec(db, STMT_SUGGEST_SWITCH, NULL, "ib", gen, sum, sizeof(sum))) != DB_OK)
			goto fail;
		/* The previous generations: the workers load the new one at their next request. */
		do {
			if ((rc = db_exec(db, STMT_SUGGEST_DROP, NULL, "i", gen)) != DB_OK)
				goto fail;
			dropped += n = db_affected(db);
		} while (n > 0);
	}
	(void)run_lock(db, STMT_SUGGEST_UNLOCK);
	db_close(db);
	printf("suggest: %zu titles, %zu people, %zu genres, %zu keys, %s in %.1f s\n",
	    d.count[SUGGEST_TITLE], d.count[SUGGEST_PERSON], d.count[SUGGEST_GENRE], d.keys,
	    same ? "unchanged" : "written", clock_s() - t0);
	if (!same)
		printf("suggest: generation %lld active, %lld old entries dropped\n", gen, dropped);
	dict_free(&d);
	return 0;
fail:
	if (locked == 1)
		(void)run_lock(db, STMT_SUGGEST_UNLOCK);
	db_close(db);
	dict_free(&d);
	fprintf(stderr, "streamify-batch suggest: stopped on a database error (%d)\n", rc);
	return 1;
}
