/* migrate.c: streamify-migrate, which applies the numbered SQL files of sql/ in order, once each. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "options.h"

#ifndef SQLDIR
#define SQLDIR "/usr/share/streamify/sql"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: streamify-migrate [--config FILE] [--dir SQLDIR] [--status]\n"
	    "\n"
	    "Applies the migrations NNN_name.sql of SQLDIR (default " SQLDIR ") that the\n"
	    "database has not seen yet, in order, and records each in schema_migrations.\n"
	    "A second run does nothing. --status lists each migration and whether it is applied.\n");
}

/* Is name "NNN_something.sql"? Returns NNN or -1. */
static int
migration_number(const char *name)
{
	size_t	 n = strlen(name);

	if (n < 9 || name[0] < '0' || name[0] > '9' || name[1] < '0' || name[1] > '9' ||
	    name[2] < '0' || name[2] > '9' || name[3] != '_' ||
	    strcmp(name + n - 4, ".sql") != 0)
		return -1;
	return (name[0] - '0') * 100 + (name[1] - '0') * 10 + (name[2] - '0');
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read a whole file. Returns a NUL-terminated buffer the caller frees, or NULL. */
static char *
slurp(const char *path)
{
	FILE	*f;
	char	*buf = NULL;
	long	 len;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1)) != NULL) {
		if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		} else
			buf[len] = '\0';
	}
	fclose(f);
	return buf;
}

int
main(int argc, char *argv[])
{
	const char	*cfgpath = NULL, *dir = SQLDIR;
	char		**names = NULL, path[4096], sum[65], sql[512], *text;
	struct dirent	*de;
	struct db	*db = NULL;
	DIR		*d;
	size_t		 n = 0, cap = 0, i;
	int		 status_only = 0, rc = 1, applied = 0, num;
	const struct opt opts[] = {
		{ "config", 'c', OPT_STR, &cfgpath, 0, 0, NULL },
		{ "dir", 'd', OPT_STR, &dir, 0, 0, NULL },
		{ "status", 's', OPT_FLAG, &status_only, 0, 0, NULL },
		OPT_END
	};

	if ((rc = options_parse(argc, argv, opts, OPTS_NO_OPERANDS, usage, NULL)) != -1)
		return rc;
	rc = 1;
	if (config_load(cfgpath) == -1)
		return 1;
	log_set_level(config.log_level);
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "streamify-migrate: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (migration_number(de->d_name) < 0)
			continue;
		if (n == cap) {
			char	**p = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof(*names));

			if (p == NULL)
				goto out;
			names = p;
		}
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto out;
		n++;
	}
	closedir(d);
	d = NULL;
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 1; i < n; i++)
		if (migration_number(names[i]) == migration_number(names[i - 1])) {
			fprintf(stderr, "streamify-migrate: %s and %s have the same number\n",
			    names[i - 1], names[i]);
			goto out;
		}

	if ((db = db_open_raw(1)) == NULL) {
		fprintf(stderr, "streamify-migrate: cannot connect to the database\n");
		goto out;
	}
	if (db_query(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, "
	    "checksum CHAR(64) NOT NULL, "
	    "applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci") != DB_OK) {
		fprintf(stderr, "streamify-migrate: %s\n", db_errmsg(db));
		goto out;
	}
	for (i = 0; i < n; i++) {
		num = migration_number(names[i]);
		long long	 done;

		/* Trusted text: the number comes from a file name checked above. */
		snprintf(sql, sizeof(sql),
		    "SELECT COUNT(*) FROM schema_migrations WHERE version = %d", num);
		if (db_scalar(db, sql, &done) != DB_OK)
			goto fail;
		if (done > 0) {
			if (status_only)
				printf("applied  %s\n", names[i]);
			continue;
		}
		if (status_only) {
			printf("pending  %s\n", names[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((text = slurp(path)) == NULL) {
			fprintf(stderr, "streamify-migrate: %s: %s\n", path, strerror(errno));
			goto out;
		}
		(void)crypto_sha256_hex(text, strlen(text), sum);
		printf("applying %s\n", names[i]);
		fflush(stdout);
		if (db_query(db, text) != DB_OK) {
			fprintf(stderr, "streamify-migrate: %s failed: %s\n", names[i],
			    db_errmsg(db));
			free(text);
			goto out;
		}
		free(text);
		snprintf(sql, sizeof(sql), "INSERT INTO schema_migrations (version, name, checksum) "
		    "VALUES (%d, '%.200s', '%s')", num, names[i], sum);
		if (strchr(names[i], '\'') != NULL || db_query(db, sql) != DB_OK)
			goto fail;
		applied++;
	}
	if (!status_only)
		printf("streamify-migrate: %d applied, %zu up to date\n", applied,
		    n - (size_t)applied);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "streamify-migrate: %s\n", db_errmsg(db));
out:
	if (d != NULL)
		closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	db_close(db);
	config_free();
	return rc;
}
