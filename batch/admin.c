/* admin.c: streamify-admin, which creates an administrator or promotes (demotes) a user. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "password.h"
#include "pwpolicy.h"
#include "valid.h"

#define PW_MAX	1024	/* bytes of a password line */

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: streamify-admin [--config FILE] create USERNAME EMAIL\n"
	    "       streamify-admin [--config FILE] promote USERNAME|EMAIL\n"
	    "       streamify-admin [--config FILE] demote USERNAME|EMAIL\n"
	    "\n"
	    "create makes a new administrator; its password is read from standard input\n"
	    "(one line), or asked for twice when standard input is a terminal. There is no\n"
	    "default password. promote and demote set or clear is_admin of an existing user;\n"
	    "it applies to that user's next request. Exit status 0 on success.\n");
}

/*
 * Read one line into buf (len bytes) from stdin without its line end; on a
 * terminal, prompt on stderr and do not echo. Returns 0 or -1.
 */
static int
read_password(const char *prompt, char *buf, size_t len)
{
	struct termios	 old, quiet;
	int		 tty = isatty(STDIN_FILENO), rc = 0;
	size_t		 n;

	if (tty) {
		fputs(prompt, stderr);
		if (tcgetattr(STDIN_FILENO, &old) == -1)
			return -1;
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == -1)
			return -1;
	}
	if (fgets(buf, (int)len, stdin) == NULL)
		rc = -1;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (rc == -1)
		return -1;
	n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n == len - 1)
		return -1;	/* longer than the buffer */
	buf[n] = '\0';
	return 0;
}

/* Find a user by name or e-mail. Returns its id, 0 when there is none, -1 on error. */
static long long
find_user(struct db *db, const char *who)
{
	struct db_res	*res = NULL;
	long long	 id = 0;
	int		 rc;

	if (db_exec(db, strchr(who, '@') ? STMT_ACC_USER_BY_EMAIL : STMT_ACC_USER_BY_NAME,
	    &res, "s", who) != DB_OK)
		return -1;
	if ((rc = db_next(res)) == 1)
		id = db_int(res, 0);
	db_res_free(res);
	return rc < 0 ? -1 : id;
}

/* A new administrator's row (db_tx). */
struct new_admin {
	const char	*name, *email, *hash;
	long long	 id;
};

static int
admin_create_tx(struct db *db, void *arg)
{
	struct new_admin	*nu = arg;
	int			 rc;

	if ((rc = db_exec(db, STMT_ACC_USER_INSERT, NULL, "sss", nu->name, nu->email,
	    nu->hash)) != DB_OK)
		return rc;
	if ((nu->id = db_insert_id(db)) <= 0)
		return DB_ERR_INTERNAL;
	return db_exec(db, STMT_ACC_USER_SET_ADMIN, NULL, "ii", 1LL, nu->id);
}

static int
cmd_create(struct db *db, const char *name, const char *email)
{
	struct password_cost	 cost;
	char			 pw[PW_MAX], again[PW_MAX], hash[PASSWORD_HASH_MAX];
	char			 why[PWPOLICY_WHY_MAX];
	struct new_admin	 nu;
	int			 rc = 1;

	if (valid_username(name) == -1) {
		fprintf(stderr, "streamify-admin: the username must be 3 to 32 of A-Z, a-z, "
		    "0-9, '_', '.', '-'\n");
		return 1;
	}
	if (valid_email(email) == -1) {
		fprintf(stderr, "streamify-admin: \"%s\" is not a valid e-mail address\n", email);
		return 1;
	}
	if (read_password("Password: ", pw, sizeof(pw)) == -1) {
		fprintf(stderr, "streamify-admin: no password given on standard input\n");
		return 1;
	}
	if (isatty(STDIN_FILENO) && (read_password("Again: ", again, sizeof(again)) == -1 ||
	    strcmp(pw, again) != 0)) {
		fprintf(stderr, "streamify-admin: the passwords differ\n");
		goto out;
	}
	if (valid_password(pw) == -1) {
		fprintf(stderr, "streamify-admin: the password must be 8 to 128 characters\n");
		goto out;
	}
	switch (pwpolicy_check(pw, name, email, config.password_dict, why)) {
	case PWPOLICY_OK:
		break;
	case PWPOLICY_REFUSED:
		fprintf(stderr, "streamify-admin: the password %s\n", why);
		goto out;
	default:
		fprintf(stderr, "streamify-admin: cannot check the password (see the log)\n");
		goto out;
	}
	if (find_user(db, name) != 0 || find_user(db, email) != 0) {
		fprintf(stderr, "streamify-admin: that username or e-mail exists (use promote)\n");
		goto out;
	}
	password_cost_config(&cost);
	if (password_hash(pw, &cost, hash) == -1)
		goto out;
	nu.name = name;
	nu.email = email;
	nu.hash = hash;
	if (db_tx(db, admin_create_tx, &nu) != DB_OK) {
		fprintf(stderr, "streamify-admin: could not create the user (see the log)\n");
		goto out;
	}
	printf("created administrator %s (id %lld)\n", name, nu.id);
	rc = 0;
out:
	crypto_wipe(pw, sizeof(pw));
	crypto_wipe(again, sizeof(again));
	crypto_wipe(hash, sizeof(hash));
	return rc;
}

static int
cmd_set_admin(struct db *db, const char *who, int admin)
{
	long long	 id;

	if ((id = find_user(db, who)) < 0) {
		fprintf(stderr, "streamify-admin: database error (see the log)\n");
		return 1;
	}
	if (id == 0) {
		fprintf(stderr, "streamify-admin: no user \"%s\"\n", who);
		return 1;
	}
	if (db_exec(db, STMT_ACC_USER_SET_ADMIN, NULL, "ii", (long long)admin, id) != DB_OK) {
		fprintf(stderr, "streamify-admin: database error (see the log)\n");
		return 1;
	}
	printf("%s is %s an administrator\n", who, admin ? "now" : "no longer");
	return 0;
}

int
main(int argc, char *argv[])
{
	const char	*cfgpath = NULL, *cmd;
	struct db	*db = NULL;
	int		 st, rc = 1;

	if ((st = config_options(argc, argv, 0, &cfgpath, usage)) != -1)
		return st;
	argc -= optind;
	argv += optind;
	if (argc < 1 || (strcmp(argv[0], "create") == 0 ? argc != 3 :
	    (strcmp(argv[0], "promote") != 0 && strcmp(argv[0], "demote") != 0) || argc != 2)) {
		usage(stderr);
		return 2;
	}
	cmd = argv[0];
	if (config_load(cfgpath) == -1)
		return 1;
	log_set_level(config.log_level);
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "streamify-admin: cannot reach the database\n");
		goto out;
	}
	if (strcmp(cmd, "create") == 0)
		rc = cmd_create(db, argv[1], argv[2]);
	else
		rc = cmd_set_admin(db, argv[1], strcmp(cmd, "promote") == 0);
out:
	db_close(db);
	config_free();
	return rc;
}
