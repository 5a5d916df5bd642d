/* batch.c: streamify-batch, the jobs cron runs: similar movies, evaluation, renewals, purge, trending, suggestions. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "batch.h"
#include "config.h"
#include "db.h"
#include "db_ops.h"
#include "log.h"
#include "options.h"

/* One row per subcommand: name, function, whether its runs are recorded, one line of help. */
static const struct command {
	const char	*name;
	int		(*fn)(int, char *[]);
	int		 record;	/* a nightly job: its runs go to job_runs (for /metrics) */
	const char	*help;
} commands[] = {
	{ "similar", cmd_similar, 1, "compute the similar-movie tables as a new generation and switch to it" },
	{ "eval", cmd_eval, 0, "offline evaluation of the recommenders on MovieLens ratings" },
	{ "renew", cmd_renew, 1, "renew due subscriptions, retry failed charges, expire the rest" },
	{ "notify", cmd_notify, 1, "notify users of new movies in the genres they favour" },
	{ "purge", cmd_purge, 1, "delete old failed logins, ended logins and expired refresh tokens" },
	{ "suggest", cmd_suggest, 1, "the dictionary of completions while typing (titles, people, genres), when it changed" },
	{ "trending", cmd_trending, 1, "the day's and the week's trending movies, from playback progress (every 15 minutes)" },
};

/*
 * Whether this invocation is a run to record: a recorded command, and
 * neither --help nor a similar --dump-content (which leaves the database as it is).
 */
static int
is_recorded_run(const struct command *c, int argc, char *argv[])
{
	int	 i;

	if (!c->record)
		return 0;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ||
		    strncmp(argv[i], "--dump-content", 14) == 0)
			return 0;
	return 1;
}

/* Run command c, its start and end recorded in job_runs when it is a recorded run. */
static int
run_command(const struct command *c, int argc, char *argv[])
{
	double		 t0;
	struct db	*db = NULL;
	int		 rc;

	if (is_recorded_run(c, argc, argv) && (db = db_open()) != NULL &&
	    db_job_start(db, c->name) != DB_OK) {
		db_close(db);
		db = NULL;
	}
	t0 = clock_s();
	rc = c->fn(argc, argv);
	if (db != NULL)
		(void)db_job_end(db, c->name, rc == 0, clock_s() - t0);
	db_close(db);
	return rc;
}

int
batch_no_options(int argc, char *argv[], const char *help)
{
	static const struct opt	 none[] = { OPT_END };

	return options_parse(argc, argv, none, OPTS_NO_OPERANDS, NULL, help);
}

static void
usage(FILE *f)
{
	size_t	 i;

	fprintf(f, "usage: streamify-batch [--config FILE] COMMAND [ARGS]\n\nCommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nstreamify-batch COMMAND --help tells more. Exit status 0 on success.\n");
}

int
main(int argc, char *argv[])
{
	const char	*cfgpath = NULL;
	size_t		 i;
	int		 st, rc;

	if ((st = config_options(argc, argv, 1, &cfgpath, usage)) != -1)
		return st;
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name) != 0)
			continue;
		if (config_load(cfgpath) == -1)
			return 1;
		log_set_level(config.log_level);
		optind++;
		argc -= optind - 1;
		argv += optind - 1;
		argv[0] = (char *)commands[i].name;
		optind = 1;
		rc = run_command(&commands[i], argc, argv);
		config_free();
		return rc;
	}
	fprintf(stderr, "streamify-batch: unknown command \"%s\"\n", argv[optind]);
	usage(stderr);
	return 2;
}
